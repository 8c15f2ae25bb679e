package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A channel: either one plain storage (nobody subscribed yet) or one storage per subscriber (spec §3.1, §3.4).
 * A push copies the record into every storage of the channel.
 */
public final class Channel
{
    private final String name;
    private final StorageFactory factory;
    private final ArrayList<QueueStorage> storages = new ArrayList<>();
    /** A copy of {@link #storages} for readers on other threads (the stats line); replaced on every change. */
    private volatile List<QueueStorage> snapshot = List.of();
    private QueueStorage plain;
    /** The leased records, once a Take used the channel (or a journal was found at start); read by the stats. */
    private volatile LeaseTable leases;
    /** The lease journal the worker is making for a Take, until it is loaded into {@link #leases}. */
    private LeaseJournalMaking journalMaking;

    Channel(final String name, final StorageFactory factory)
    {
        this.name = name;
        this.factory = factory;
    }

    /**
     * @return the channel name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Stores a record in every storage of the channel.
     *
     * @param src    holding the payload.
     * @param offset of the payload.
     * @param length of the payload, at least 1.
     */
    public void push(final DirectBuffer src, final int offset, final int length)
    {
        final ArrayList<QueueStorage> storages = this.storages;
        for (int i = 0, size = storages.size(); i < size; i++)
        {
            storages.get(i).push(src, offset, length);
        }
    }

    /**
     * Whether a record of this length can be stored in every storage of the channel now, see
     * {@link QueueStorage#prepare}.
     *
     * @param length of the payload.
     * @param worker the node's blocking worker.
     * @return {@link RingBacking#READY}, {@link RingBacking#WAITING} or {@link RingBacking#FULL}: the worst of the
     * storages'.
     */
    int prepare(final int length, final Executor worker)
    {
        final ArrayList<QueueStorage> storages = this.storages;
        int prepared = RingBacking.READY;
        for (int i = 0, size = storages.size(); i < size; i++)
        {
            prepared = Math.max(prepared, storages.get(i).prepare(length, worker));
        }
        return prepared;
    }

    /**
     * @return true once someone subscribed: Pop is then refused.
     */
    public boolean hasSubscribers()
    {
        return null == plain;
    }

    /**
     * @return the plain storage, or {@code null} when the channel has subscribers.
     */
    public QueueStorage plainStorage()
    {
        return plain;
    }

    /**
     * Subscribes: the first subscriber takes over the plain storage and its records; a further new subscriber
     * gets a new empty storage; a known subscriber shares its storage.
     *
     * @param subscriber name; the legacy Consume uses {@code ""}.
     * @return the subscriber's storage.
     */
    public QueueStorage subscribe(final String subscriber)
    {
        if (null != plain)
        {
            final QueueStorage storage = plain;
            plain = null;
            storage.renameToSubscriber(subscriber);
            return storage;
        }
        final QueueStorage existing = storage(subscriber);
        if (null != existing)
        {
            return existing;
        }
        final QueueStorage storage = factory.newStorage(name, subscriber);
        storages.add(storage);
        snapshot = List.copyOf(storages);
        return storage;
    }

    /**
     * @param subscriber name.
     * @return that subscriber's storage, or {@code null}.
     */
    public QueueStorage storage(final String subscriber)
    {
        for (final QueueStorage storage : storages)
        {
            if (subscriber.equals(storage.subscriber()))
            {
                return storage;
            }
        }
        return null;
    }

    /**
     * @return every storage of the channel.
     */
    public List<QueueStorage> storages()
    {
        return Collections.unmodifiableList(storages);
    }

    /**
     * @return the storages as of the last change, safe to read from another thread (their figures may be a
     * moment old).
     */
    public List<QueueStorage> storagesSnapshot()
    {
        return snapshot;
    }

    /**
     * @return records over all storages.
     */
    public long records()
    {
        long records = 0;
        for (final QueueStorage storage : storages)
        {
            records += storage.records();
        }
        return records;
    }

    /**
     * @return the channel's leased records, or {@code null} when no Take has used it.
     */
    public LeaseTable leases()
    {
        return leases;
    }

    void leases(final LeaseTable table)
    {
        leases = table;
    }

    /**
     * @return true while the worker makes the channel's lease journal for a Take.
     */
    boolean isMakingLeaseJournal()
    {
        return null != journalMaking;
    }

    LeaseJournalMaking journalMaking()
    {
        return journalMaking;
    }

    void journalMaking(final LeaseJournalMaking making)
    {
        journalMaking = making;
    }

    void add(final QueueStorage storage)
    {
        if (null == storage.subscriber())
        {
            if (!storages.isEmpty())
            {
                throw new QueueStorageException("channel '" + name + "' has both a plain storage and subscribers");
            }
            plain = storage;
        }
        else if (null != plain)
        {
            throw new QueueStorageException("channel '" + name + "' has both a plain storage and subscribers");
        }
        else if (null != storage(storage.subscriber()))
        {
            throw new QueueStorageException("storage '" + storage.name() + "' exists twice");
        }
        storages.add(storage);
        snapshot = List.copyOf(storages);
    }

    void removed()
    {
        for (final QueueStorage storage : storages)
        {
            storage.removed();
        }
        storages.clear();
        snapshot = List.of();
        plain = null;
        if (null != leases)
        {
            leases.delete();
            leases = null;
        }
        if (null != journalMaking)
        {
            journalMaking.abandon();
            journalMaking = null;
        }
    }

    /**
     * Creates storages for a channel.
     */
    @FunctionalInterface
    interface StorageFactory
    {
        QueueStorage newStorage(String channel, String subscriber);
    }
}
