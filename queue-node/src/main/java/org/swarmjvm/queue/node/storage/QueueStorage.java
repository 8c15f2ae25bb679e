package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.concurrent.Executor;

/**
 * One storage: the plain queue of a channel, or one subscriber's queue. A preallocated {@link Ring} in a
 * {@link StorageFile}, plus its chain in the {@link DiskOverflow}.
 * <p>
 * Order is FIFO across ring and disk (the original was not, spec §3.3): a record goes to the ring only while the
 * storage has nothing on disk; once a record spilled, every later record is appended to disk too, until the disk
 * part is drained. Every ring record is therefore older than every disk record, and pops take the ring first.
 * (Storages loaded from the original's files may hold newer records in the ring than on disk; they pop ring
 * first, then disk, as the original does.)
 * <p>
 * A ring file's pages are backed by the disk ahead of the write position ({@link RingBacking}): a request asks
 * {@link #prepare} before it pushes, and waits or is refused when the pages its record needs are not backed yet.
 */
public final class QueueStorage
{
    private static final System.Logger LOG = System.getLogger(QueueStorage.class.getName());

    private final String channel;
    private final StorageFile file;
    private final Ring ring;
    private final DiskOverflow disk;
    private final OverflowChannel overflow;
    private final RingBacking backing;
    private final ArrayList<StorageConsumer> consumers = new ArrayList<>();
    private String subscriber;
    private String name;
    private int subscriberLength = -1;
    private int nextConsumer;
    private boolean poppedFromDisk;

    QueueStorage(final StorageFile file, final DiskOverflow disk, final OverflowChannel overflow,
        final String subscriber, final DiskFullOutage outage)
    {
        this.channel = file.channel();
        this.file = file;
        this.ring = new Ring(file.data());
        this.backing = new RingBacking(file, outage);
        this.disk = disk;
        this.overflow = overflow;
        this.subscriber = subscriber;
        this.name = StorageName.of(channel, subscriber);
        overflow.owner(name, file.sequence());
    }

    /**
     * Whether a record of this length can be stored now: in the ring, when the pages it needs there are backed
     * (see {@link RingBacking}), or on disk, when the disk overflow could {@link DiskOverflow#reserve reserve} room
     * for it. Starts the backing of the pages it needs, or of the next ones.
     *
     * @param length of the payload.
     * @param worker the node's blocking worker, which runs its tasks in order.
     * @return {@link RingBacking#READY}, {@link RingBacking#WAITING} (ask again once a task given to the worker
     * after this call ran) or {@link RingBacking#FULL} (the disk cannot back the pages or hold the record).
     */
    int prepare(final int length, final Executor worker)
    {
        if (!overflow.isEmpty() || !ring.fits(length))
        {
            return disk.reserve(overflow, name, length) ? RingBacking.READY : RingBacking.FULL;
        }
        return backing.prepare(ring.pushEnd(length), name, worker);
    }

    /**
     * Stores a record: in the ring if it fits, nothing is on disk and the pages it needs are backed, else on
     * disk. Then wakes the next consumer. A request {@link #prepare prepares} first, so that its record's pages are
     * backed off the poller thread; a record that did not (one dead-lettered) has them backed here, and goes to the
     * disk when they cannot be: a store into a page without a block would kill the process on a full disk.
     *
     * @param src    holding the payload.
     * @param offset of the payload.
     * @param length of the payload, at least 1.
     */
    public void push(final DirectBuffer src, final int offset, final int length)
    {
        if (!overflow.isEmpty() || !ring.fits(length) || null != backing.backNow(ring.pushEnd(length)) ||
            !ring.push(src, offset, length))
        {
            disk.push(overflow, src, offset, length);
        }
        commit();
        wakeNextConsumer();
    }

    /**
     * @return the backing of the ring's pages by the disk.
     */
    RingBacking backing()
    {
        return backing;
    }

    /**
     * @return the payload length of the oldest record, or -1 when empty.
     */
    public int peekLength()
    {
        int length = ring.peekLength();
        if (Ring.DAMAGED == length)
        {
            cutDamagedRing();
            length = ring.peekLength();
        }
        return length >= 0 ? length : disk.peekLength(overflow);
    }

    /**
     * Removes the oldest record and copies its payload out.
     *
     * @param dst    receives the payload; must have room (or be expandable) for {@link #peekLength()} bytes.
     * @param offset where the payload goes.
     * @return the payload length, or -1 when empty.
     */
    public int pop(final MutableDirectBuffer dst, final int offset)
    {
        final int length = popUncommitted(dst, offset);
        if (length >= 0)
        {
            commitPop();
        }
        return length;
    }

    /**
     * Copies the oldest record out and forgets it in memory only: until {@link #commitPop()} the ring file still
     * holds it, so a crash in between keeps it (a Take writes it to its lease journal there).
     *
     * @param dst    receives the payload, as for {@link #pop}.
     * @param offset where the payload goes.
     * @return the payload length, or -1 when empty.
     */
    int popUncommitted(final MutableDirectBuffer dst, final int offset)
    {
        int length = ring.pop(dst, offset);
        if (Ring.DAMAGED == length)
        {
            cutDamagedRing();
            length = ring.pop(dst, offset);
        }
        if (length >= 0)
        {
            poppedFromDisk = false;
            return length;
        }
        length = disk.pop(overflow, dst, offset);
        poppedFromDisk = length >= 0;
        return length;
    }

    /**
     * Publishes the pop of {@link #popUncommitted}.
     */
    void commitPop()
    {
        if (poppedFromDisk)
        {
            // before the ring file: its head never names a record already handed out
            disk.popped(overflow);
        }
        commit();
        if (poppedFromDisk)
        {
            disk.truncateIfEmpty();
        }
    }

    /**
     * @return true when neither ring nor disk holds a record.
     */
    public boolean isEmpty()
    {
        return ring.isEmpty() && overflow.isEmpty();
    }

    /**
     * @return records in ring and on disk.
     */
    public long records()
    {
        return ring.items() + overflow.records();
    }

    /**
     * @return the storage name: {@code <channel>} or {@code <subscriber>@<channel>}.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the channel name.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * @return the subscriber name, or {@code null} for a plain storage.
     */
    public String subscriber()
    {
        return subscriber;
    }

    /**
     * @return the memory ring.
     */
    public Ring ring()
    {
        return ring;
    }

    /**
     * @return the disk chain.
     */
    public OverflowChannel overflow()
    {
        return overflow;
    }

    /**
     * @return the backing memory or file.
     */
    public StorageFile file()
    {
        return file;
    }

    /**
     * Attaches a Consume.
     *
     * @param consumer to wake on pushes.
     */
    public void addConsumer(final StorageConsumer consumer)
    {
        consumers.add(consumer);
    }

    /**
     * Detaches a Consume.
     *
     * @param consumer to forget.
     */
    public void removeConsumer(final StorageConsumer consumer)
    {
        consumers.remove(consumer);
    }

    /**
     * @return number of attached consumers.
     */
    public int consumerCount()
    {
        return consumers.size();
    }

    void renameToSubscriber(final String subscriber)
    {
        subscriberLength = file.writeSubscriber(subscriber);
        this.subscriber = subscriber;
        this.name = StorageName.of(channel, subscriber);
        overflow.owner(name, file.sequence());
        disk.renamed(overflow);
        commit();
    }

    void restoredSubscriber(final String subscriber)
    {
        this.subscriber = subscriber;
        this.name = StorageName.of(channel, subscriber);
        overflow.owner(name, file.sequence());
        this.subscriberLength = null == subscriber ? -1 : subscriber.length();
    }

    /**
     * Cuts the ring before its first damaged record (see {@link Ring#cutAtDamage(int)}) and logs what was lost,
     * so that a record whose length was damaged in memory never fails a Pop or the shutdown dump.
     *
     * @return true when the ring was cut.
     */
    boolean cutDamagedRing()
    {
        final int before = ring.items();
        final int at = ring.cutAtDamage(ring.capacity());
        if (at < 0)
        {
            return false;
        }
        LOG.log(System.Logger.Level.ERROR, "Ring of '" + name + "' damaged in memory at data offset " + at + ": " +
            (before - ring.items()) + " records from there on dropped, " + ring.items() + " kept" +
            (null != file.path() ? " (ring file " + file.path() + ")" : ""));
        commit();
        return true;
    }

    void commit()
    {
        file.commit(ring, overflow, subscriberLength);
    }

    void removed()
    {
        disk.unregister(overflow);
        ring.clear();
        file.delete();
        final ArrayList<StorageConsumer> ending = new ArrayList<>(consumers);
        consumers.clear();
        for (final StorageConsumer consumer : ending)
        {
            consumer.onStorageRemoved();
        }
    }

    private void wakeNextConsumer()
    {
        final int count = consumers.size();
        for (int tried = 0; tried < count; tried++)
        {
            if (nextConsumer >= count)
            {
                nextConsumer = 0;
            }
            if (consumers.get(nextConsumer++).onRecordPushed())
            {
                return;
            }
        }
    }
}
