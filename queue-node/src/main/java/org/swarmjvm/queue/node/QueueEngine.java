package org.swarmjvm.queue.node;

import org.swarmjvm.node.NodeEngine;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.node.stats.NodeMetrics;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.queue.node.request.QueueRequestHandlers;
import org.swarmjvm.queue.node.storage.Channel;
import org.swarmjvm.queue.node.storage.LeaseTable;
import org.swarmjvm.queue.node.storage.QueueOperations;
import org.swarmjvm.queue.node.storage.QueueStorage;
import org.swarmjvm.queue.node.storage.QueueStore;
import org.swarmjvm.support.stats.StatsLine;

import java.util.function.BiConsumer;

/**
 * The queue engine plugged into the node core: the legacy queue commands over a {@link QueueStore}; closing it
 * runs the store's shutdown sequence (overflow index, ring dumps).
 */
final class QueueEngine implements NodeEngine
{
    private static final String[] COMMAND_NAMES = new String[QueueCommand.MAX_CODE + 1];

    static
    {
        for (final QueueCommand command : QueueCommand.values())
        {
            COMMAND_NAMES[command.code()] = command.label();
        }
    }

    private final QueueStore store;
    private final QueueOperations operations;

    QueueEngine(final QueueStore store)
    {
        this.store = store;
        this.operations = new QueueOperations(store);
    }

    @Override
    public String[] commandNames()
    {
        return COMMAND_NAMES.clone();
    }

    @Override
    public RequestHandler[] newRequestHandlers(final NodeServices services)
    {
        return QueueRequestHandlers.create(operations, services.worker()::submit);
    }

    @Override
    public void appendStats(final StatsLine line)
    {
        final long[] totals = new long[2];
        forEachChannel((name, records, bytes) ->
        {
            line.add("channel", name, "bytes", bytes).add("channel", name, "records", records);
            totals[0] += bytes;
            totals[1] += records;
        });
        line.add("total_bytes", totals[0]).add("total_records", totals[1]);
        for (final Channel channel : store.channels())
        {
            for (final QueueStorage storage : channel.storagesSnapshot())
            {
                final String id = storage.name().startsWith("@") ? storage.name().substring(1) : storage.name();
                final long memory = storage.ring().usedSpace();
                line.add("channel", id, "bytes_memory", memory)
                    .add("channel", id, "bytes_overflow", storage.overflow().bytes())
                    .add("channel", id, "records_memory", storage.ring().items())
                    .add("channel", id, "records_overflow", storage.overflow().records())
                    .add("channel", id, "percent_memory", memory * 100 / storage.ring().capacity());
            }
            final LeaseTable leases = channel.leases();
            if (null != leases)
            {
                final String name = channel.name();
                line.add("channel", name, "ready", readyRecords(channel, leases))
                    .add("channel", name, "leased", leases.leased())
                    .add("channel", name, "redelivered", leases.redelivered())
                    .add("channel", name, "dead_lettered", leases.deadLettered());
            }
        }
    }

    /**
     * @return the records a Take or a Pop may get now: the storage's and those given back after a lease.
     */
    static long readyRecords(final Channel channel, final LeaseTable leases)
    {
        long records = leases.ready();
        for (final QueueStorage storage : channel.storagesSnapshot())
        {
            records += storage.records();
        }
        return records;
    }

    /**
     * Tells each channel's records and bytes over its storages (a channel with subscribers has one per
     * subscriber), in memory and on disk.
     */
    @Override
    public void forEachChannel(final Visitor visitor)
    {
        for (final Channel channel : store.channels())
        {
            long bytes = 0;
            long records = 0;
            for (final QueueStorage storage : channel.storagesSnapshot())
            {
                bytes += storage.ring().usedSpace() + storage.overflow().bytes();
                records += storage.records();
            }
            visitor.channel(channel.name(), records, bytes);
        }
    }

    /**
     * Publishes the lease figures of the stats line as gauges, per channel that has a lease journal.
     *
     * @param metrics the node's endpoint.
     */
    void publishLeaseGauges(final NodeMetrics metrics)
    {
        metrics.channelGauge("ready", "Records a Take or a Pop gets now, those given back after a lease included.",
            visitor -> forEachLeasing((channel, leases) -> visitor.channel(channel.name(),
                readyRecords(channel, leases))));
        metrics.channelGauge("leased", "Records whose lease runs now.",
            visitor -> forEachLeasing((channel, leases) -> visitor.channel(channel.name(), leases.leased())));
        metrics.channelGauge("redelivered", "Records given back for another delivery since the node started.",
            visitor -> forEachLeasing((channel, leases) -> visitor.channel(channel.name(), leases.redelivered())));
        metrics.channelGauge("dead_lettered", "Records moved to the dead-letter channel since the node started.",
            visitor -> forEachLeasing((channel, leases) -> visitor.channel(channel.name(), leases.deadLettered())));
    }

    private void forEachLeasing(final BiConsumer<Channel, LeaseTable> visitor)
    {
        for (final Channel channel : store.channels())
        {
            final LeaseTable leases = channel.leases();
            if (null != leases)
            {
                visitor.accept(channel, leases);
            }
        }
    }

    @Override
    public void close()
    {
        store.close();
    }
}
