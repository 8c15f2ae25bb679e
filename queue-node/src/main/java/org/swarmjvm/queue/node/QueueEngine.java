package org.swarmjvm.queue.node;

import org.swarmjvm.node.NodeEngine;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.queue.node.request.QueueRequestHandlers;
import org.swarmjvm.queue.node.storage.Channel;
import org.swarmjvm.queue.node.storage.QueueOperations;
import org.swarmjvm.queue.node.storage.QueueStorage;
import org.swarmjvm.queue.node.storage.QueueStore;
import org.swarmjvm.support.stats.StatsLine;

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
        return QueueRequestHandlers.create(operations);
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
        }
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

    @Override
    public void close()
    {
        store.close();
    }
}
