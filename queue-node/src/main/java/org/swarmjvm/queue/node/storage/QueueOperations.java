package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.swarmjvm.protocol.codec.ChannelList;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.queue.QueueConst;

import java.util.concurrent.Executor;

/**
 * The queue's storage rules, written once for every protocol that asks: which names are channels, when a channel
 * is created, what a push, a pop and a subscription do. The legacy and neo handlers decode their request, call
 * one method here and map its outcome to their own statuses. Called on the poller thread only; allocates nothing.
 */
public final class QueueOperations
{
    /** What a push or a pop found, for the handler to answer with its protocol's status. */
    public enum Outcome
    {
        /** Done. */
        OK,
        /** A channel name is not a valid name (nothing was stored). */
        BAD_CHANNEL,
        /** The value is empty (nothing was stored). */
        EMPTY_VALUE,
        /**
         * Nothing was stored yet: the ring pages the record needs are being backed by the blocking worker (see
         * {@link RingBacking}), or an earlier push waits; the request's wake-up is run when to ask again.
         */
        WAITING,
        /**
         * The disk cannot hold the ring pages the record needs, its record in the disk overflow, or the new
         * channel's ring file (nothing stored).
         */
        DISK_FULL
    }

    /** {@link #pop} found the channel empty. */
    public static final int POPPED_NOTHING = -1;
    /** {@link #pop} found no such channel (and was not to create it). */
    public static final int NO_CHANNEL = -2;
    /** {@link #pop} found the channel consumed by subscribers, whose records a pop may not take. */
    public static final int SUBSCRIBED = -3;

    /** {@link #take} could not lease the head record: its lease journal cannot hold it or cannot be made (a full
     * disk), or the channel's name leaves no room for its dead-letter channel's. */
    public static final int NOT_LEASABLE = -4;
    /** {@link #take} found the channel's lease journal being made on the blocking worker: ask again once a task
     * given to the worker after the Take has run. */
    public static final int MAKING_JOURNAL = -5;

    /** Shortest lease, in milliseconds. */
    public static final long MIN_LEASE_MILLIS = 1;
    /** Longest lease, in milliseconds: one day. */
    public static final long MAX_LEASE_MILLIS = 86_400_000;

    private static final System.Logger LOG = System.getLogger(QueueOperations.class.getName());

    private final QueueStore store;
    private final PushOrder order;

    /**
     * @param store the node's channels.
     */
    public QueueOperations(final QueueStore store)
    {
        this.store = store;
        this.order = store.pushOrder();
    }

    /**
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return true when the name is a valid channel (or subscriber) name: it names the dump and overflow files.
     */
    public static boolean isValidName(final DirectBuffer buffer, final int offset, final int length)
    {
        return ChannelName.isValid(buffer, offset, length, QueueConst.MAX_CHANNEL_NAME_LENGTH);
    }

    /**
     * Push to one channel, as the original's Push: the channel is got or created <em>before</em> the value is
     * checked, so a refused empty push still creates it. A record whose ring pages are not backed yet waits for
     * the worker ({@link Outcome#WAITING}); one the disk cannot back is refused ({@link Outcome#DISK_FULL}).
     *
     * @param buffer        holding name and value.
     * @param channelOffset of the name, known to be valid.
     * @param channelLength of the name.
     * @param valueOffset   of the value.
     * @param valueLength   of the value.
     * @param worker        the node's blocking worker, which backs ring pages.
     * @param wakeUp        the request's wake-up, safe to run from any thread, the same object at every call of
     *                      the request: run when a {@link Outcome#WAITING} push is to ask again.
     * @return {@link Outcome#OK}, {@link Outcome#EMPTY_VALUE}, {@link Outcome#WAITING} or
     * {@link Outcome#DISK_FULL}.
     */
    public Outcome push(
        final DirectBuffer buffer, final int channelOffset, final int channelLength, final int valueOffset,
        final int valueLength, final Executor worker, final Runnable wakeUp)
    {
        if (order.waitsBehindAnother(wakeUp))
        {
            return Outcome.WAITING;
        }
        final Channel channel = getOrCreate(buffer, channelOffset, channelLength);
        if (null == channel)
        {
            return answered(Outcome.DISK_FULL, wakeUp);
        }
        if (0 == valueLength)
        {
            return answered(Outcome.EMPTY_VALUE, wakeUp);
        }
        final Outcome prepared = outcome(channel.prepare(valueLength, worker));
        if (Outcome.OK == prepared)
        {
            channel.push(buffer, valueOffset, valueLength);
        }
        return settled(prepared, worker, wakeUp);
    }

    /**
     * Push of one record to several channels: every name is checked, then the value, and only then are the
     * channels got or created and the record stored in each (a channel listed twice gets it twice); a refused
     * request stores and creates nothing. No channel at all is OK and stores nothing. The record is stored only
     * once every channel can take it: until then it waits for the worker to back ring pages, or is refused when
     * the disk cannot (channels created for it stay, empty).
     *
     * @param channels    the names.
     * @param value       holding the value.
     * @param valueOffset of the value.
     * @param valueLength of the value.
     * @param worker      the node's blocking worker, which backs ring pages.
     * @param wakeUp      the request's wake-up, as for {@link #push}.
     * @return the outcome.
     */
    public Outcome pushToAll(
        final ChannelList channels, final DirectBuffer value, final int valueOffset, final int valueLength,
        final Executor worker, final Runnable wakeUp)
    {
        if (order.waitsBehindAnother(wakeUp))
        {
            return Outcome.WAITING;
        }
        final int count = channels.channelCount();
        for (int i = 0; i < count; i++)
        {
            if (!isValidName(channels.buffer(), channels.channelOffset(i), channels.channelLength(i)))
            {
                return answered(Outcome.BAD_CHANNEL, wakeUp);
            }
        }
        if (0 == valueLength)
        {
            return answered(Outcome.EMPTY_VALUE, wakeUp);
        }
        int prepared = RingBacking.READY;
        for (int i = 0; i < count; i++)
        {
            final Channel channel =
                getOrCreate(channels.buffer(), channels.channelOffset(i), channels.channelLength(i));
            prepared = Math.max(prepared, null == channel ? RingBacking.FULL : channel.prepare(valueLength, worker));
        }
        if (RingBacking.READY != prepared)
        {
            return settled(outcome(prepared), worker, wakeUp);
        }
        for (int i = 0; i < count; i++)
        {
            store.getOrCreate(channels.buffer(), channels.channelOffset(i), channels.channelLength(i))
                .push(value, valueOffset, valueLength);
        }
        return answered(Outcome.OK, wakeUp);
    }

    /**
     * A record of a Produce stream: stored in the channel of that name, created again if it was removed since
     * the stream started (so records streamed after a RemoveChannel are not dropped).
     *
     * @param channel the stream's channel, from {@link #channelCreatedIfMissing}.
     * @param buffer  holding the record.
     * @param offset  of the record.
     * @param length  of the record.
     * @param worker  the node's blocking worker, which backs ring pages.
     * @param wakeUp  the request's wake-up, as for {@link #push}.
     * @return {@link Outcome#OK}, {@link Outcome#WAITING} (nothing stored: ask again when woken) or
     * {@link Outcome#DISK_FULL}.
     */
    public Outcome pushStreamed(final String channel, final DirectBuffer buffer, final int offset, final int length,
        final Executor worker, final Runnable wakeUp)
    {
        if (order.waitsBehindAnother(wakeUp))
        {
            return Outcome.WAITING;
        }
        final Channel streamed;
        try
        {
            streamed = store.getOrCreate(channel);
        }
        catch (final QueueStorageException ex)
        {
            store.refusedCreation(channel, ex);
            return answered(Outcome.DISK_FULL, wakeUp);
        }
        final Outcome prepared = outcome(streamed.prepare(length, worker));
        if (Outcome.OK == prepared)
        {
            streamed.push(buffer, offset, length);
        }
        return settled(prepared, worker, wakeUp);
    }

    /**
     * @param buffer holding the name, known to be valid.
     * @param offset of the name.
     * @param length of the name.
     * @return the channel's name, the channel created if missing (the start of a Produce stream), or {@code null}
     * when its ring file cannot be created (a full disk).
     */
    public String channelCreatedIfMissing(final DirectBuffer buffer, final int offset, final int length)
    {
        final Channel channel = getOrCreate(buffer, offset, length);
        return null == channel ? null : channel.name();
    }

    /**
     * @return the channel, created if missing, or {@code null} when its ring file cannot be created (a full disk:
     * the refusal is logged with the outage's).
     */
    private Channel getOrCreate(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            return store.getOrCreate(buffer, offset, length);
        }
        catch (final QueueStorageException ex)
        {
            store.refusedCreation(buffer.getStringWithoutLengthAscii(offset, length), ex);
            return null;
        }
    }

    /**
     * A push request ended while it waited (its connection closed): the pushes after it go on.
     *
     * @param wakeUp the request's wake-up, as given to {@link #push}.
     */
    public void pushEnded(final Runnable wakeUp)
    {
        order.done(wakeUp);
    }

    /**
     * A push that waits for the worker's backing keeps its place first in line and is woken by a task given to the
     * worker after the backing, which runs its tasks in order; any other outcome ends its turn. Either way the room
     * its records reserved in the disk overflow is given up: the next attempt reserves again.
     */
    private Outcome settled(final Outcome outcome, final Executor worker, final Runnable wakeUp)
    {
        if (Outcome.WAITING != outcome)
        {
            return answered(outcome, wakeUp);
        }
        store.diskOverflow().releaseReservation();
        order.waitInLine(wakeUp);
        worker.execute(wakeUp);
        return outcome;
    }

    private Outcome answered(final Outcome outcome, final Runnable wakeUp)
    {
        store.diskOverflow().releaseReservation();
        order.done(wakeUp);
        return outcome;
    }

    private static Outcome outcome(final int prepared)
    {
        switch (prepared)
        {
            case RingBacking.READY:
                return Outcome.OK;
            case RingBacking.WAITING:
                return Outcome.WAITING;
            default:
                return Outcome.DISK_FULL;
        }
    }

    /**
     * Takes the oldest record of a channel that has no subscribers, copied straight from the ring (or the disk).
     *
     * @param buffer          holding the name, known to be valid.
     * @param offset          of the name.
     * @param length          of the name.
     * @param createIfMissing whether a missing channel is created (neo Pop, as the original) or reported (legacy).
     * @param destination     where the record goes.
     * @param at              its offset there.
     * @return the record's length, or {@link #POPPED_NOTHING}, {@link #NO_CHANNEL}, {@link #SUBSCRIBED}.
     */
    public int pop(
        final DirectBuffer buffer, final int offset, final int length, final boolean createIfMissing,
        final MutableDirectBuffer destination, final int at)
    {
        final Channel channel = createIfMissing ?
            store.getOrCreate(buffer, offset, length) : store.channel(buffer, offset, length);
        if (null == channel)
        {
            return NO_CHANNEL;
        }
        if (channel.hasSubscribers())
        {
            return SUBSCRIBED;
        }
        final LeaseTable leases = channel.leases();
        final int returned = null == leases ? -1 : leases.popReturned(destination, at);
        if (returned >= 0)
        {
            return returned;
        }
        final int popped = channel.plainStorage().pop(destination, at);
        return popped < 0 ? POPPED_NOTHING : popped;
    }

    /**
     * @param millis a lease asked for.
     * @return true when it is 1 ms to 1 day.
     */
    public static boolean isValidLease(final long millis)
    {
        return millis >= MIN_LEASE_MILLIS && millis <= MAX_LEASE_MILLIS;
    }

    /**
     * Takes the head record of a channel that has no subscribers under a lease: a record given back earlier
     * (nacked or expired) first, else the oldest of the channel's storage, which goes to the channel's lease
     * journal before the storage forgets it (a crash in between leaves it in both: delivered twice, never lost).
     * A missing channel is created, as by the neo Pop. The channel's first Take hands the making of its lease
     * journal to the worker and answers {@link #MAKING_JOURNAL}, as do its Takes until the journal is made.
     *
     * @param buffer        holding the name, known to be valid.
     * @param offset        of the name.
     * @param length        of the name.
     * @param leaseNanos    how long the lease runs, {@link #isValidLease valid}.
     * @param nowNanos      {@link System#nanoTime()}.
     * @param destination   where the record goes.
     * @param at            its offset there.
     * @param grant         receives the lease id and the delivery count.
     * @param worker        the node's blocking worker, which makes a lease journal.
     * @return the record's length, or {@link #POPPED_NOTHING}, {@link #SUBSCRIBED}, {@link #NOT_LEASABLE},
     * {@link #MAKING_JOURNAL}.
     */
    public int take(
        final DirectBuffer buffer, final int offset, final int length, final long leaseNanos, final long nowNanos,
        final MutableDirectBuffer destination, final int at, final LeaseGrant grant, final Executor worker)
    {
        final Channel channel = store.getOrCreate(buffer, offset, length);
        if (channel.hasSubscribers())
        {
            return SUBSCRIBED;
        }
        final LeaseTable leases = store.leases(channel, worker);
        if (null == leases)
        {
            return channel.isMakingLeaseJournal() ? MAKING_JOURNAL : NOT_LEASABLE;
        }
        final long deadline = nowNanos + leaseNanos;
        int record = leases.takeReturned(deadline);
        if (record < 0)
        {
            final QueueStorage storage = channel.plainStorage();
            final int valueLength = storage.peekLength();
            if (valueLength < 0)
            {
                return POPPED_NOTHING;
            }
            record = leases.reserve(valueLength);
            if (record < 0)
            {
                LOG.log(System.Logger.Level.WARNING, "Take on '" + channel.name() + "': its lease journal cannot " +
                    "hold the head record of " + valueLength + " bytes ([Leases] journal_size)");
                return NOT_LEASABLE;
            }
            storage.popUncommitted(leases.journal(), LeaseTable.valueOffset(record));
            leases.leaseNew(record, valueLength, deadline);
            storage.commitPop();
        }
        final int valueLength = leases.valueLength(record);
        destination.putBytes(at, leases.journal(), LeaseTable.valueOffset(record), valueLength);
        grant.set(leases.leaseId(record), leases.deliveries(record));
        return valueLength;
    }

    /**
     * Drops a leased record for good.
     *
     * @param buffer  holding the channel name, known to be valid.
     * @param offset  of the name.
     * @param length  of the name.
     * @param leaseId of the Take.
     * @return false when the channel has no running lease of that id.
     */
    public boolean ack(final DirectBuffer buffer, final int offset, final int length, final long leaseId)
    {
        final LeaseTable leases = leases(buffer, offset, length);
        return null != leases && leases.ack(leaseId);
    }

    /**
     * Gives a leased record back: to the head of its channel, or to the dead-letter channel after the node's
     * maximum of deliveries.
     *
     * @param buffer  holding the channel name, known to be valid.
     * @param offset  of the name.
     * @param length  of the name.
     * @param leaseId of the Take.
     * @return false when the channel has no running lease of that id.
     */
    public boolean nack(final DirectBuffer buffer, final int offset, final int length, final long leaseId)
    {
        final LeaseTable leases = leases(buffer, offset, length);
        return null != leases && leases.nack(leaseId);
    }

    /**
     * Sets a running lease to end a new span from now.
     *
     * @param buffer     holding the channel name, known to be valid.
     * @param offset     of the name.
     * @param length     of the name.
     * @param leaseId    of the Take.
     * @param leaseNanos the new span, {@link #isValidLease valid}.
     * @param nowNanos   {@link System#nanoTime()}.
     * @return false when the channel has no running lease of that id.
     */
    public boolean extend(
        final DirectBuffer buffer, final int offset, final int length, final long leaseId, final long leaseNanos,
        final long nowNanos)
    {
        final LeaseTable leases = leases(buffer, offset, length);
        return null != leases && leases.extend(leaseId, nowNanos + leaseNanos);
    }

    /**
     * Gives back the records whose lease ended, in every channel (the expiry timer).
     *
     * @param nowNanos {@link System#nanoTime()}.
     * @return records given back or dead-lettered.
     */
    public int expireLeases(final long nowNanos)
    {
        return store.expireLeases(nowNanos);
    }

    private LeaseTable leases(final DirectBuffer buffer, final int offset, final int length)
    {
        final Channel channel = store.channel(buffer, offset, length);
        return null == channel ? null : channel.leases();
    }

    /**
     * Subscribes a consumer to {@code subscriber@channel} (the first subscriber takes over the channel's
     * records), the channel created if missing.
     *
     * @param buffer        holding the channel name, known to be valid.
     * @param channelOffset of the name.
     * @param channelLength of the name.
     * @param subscriber    the subscriber's name, {@code ""} for the default one.
     * @param consumer      told of pushes and of the channel's removal.
     * @return the storage to pop from.
     */
    public QueueStorage subscribe(
        final DirectBuffer buffer, final int channelOffset, final int channelLength, final String subscriber,
        final StorageConsumer consumer)
    {
        final QueueStorage storage = store.getOrCreate(buffer, channelOffset, channelLength).subscribe(subscriber);
        storage.addConsumer(consumer);
        return storage;
    }

    /**
     * Removes a channel, its records in memory and on disk and its subscribers, whose consumers are told; a
     * missing channel is no error.
     *
     * @param buffer holding the name, known to be valid.
     * @param offset of the name.
     * @param length of the name.
     */
    public void removeChannel(final DirectBuffer buffer, final int offset, final int length)
    {
        store.remove(buffer, offset, length);
    }
}
