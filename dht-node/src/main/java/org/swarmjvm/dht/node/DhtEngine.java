package org.swarmjvm.dht.node;

import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.dht.node.dump.ChannelDumper;
import org.swarmjvm.dht.node.request.DhtRequestHandlers;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.dht.node.storage.ValueCompression;
import org.swarmjvm.node.NodeEngine;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.support.stats.StatsLine;

import java.util.List;
import java.util.function.Consumer;

/**
 * The DHT engine plugged into the node core: the 17 legacy commands over {@link DhtStorage}; at close, every
 * channel is dumped.
 */
final class DhtEngine implements NodeEngine
{
    private static final String[] COMMAND_NAMES = new String[DhtCommand.MAX_CODE + 1];

    static
    {
        for (final DhtCommand command : DhtCommand.values())
        {
            COMMAND_NAMES[command.code()] = command.label();
        }
    }

    private final DhtNodeContext context;
    private final DhtStorage storage;
    private final DumpDirectory dumpDirectory;
    private final Consumer<HashRange> onRangeChanged;

    DhtEngine(final DhtNodeContext context, final DhtStorage storage, final DumpDirectory dumpDirectory)
    {
        this.context = context;
        this.storage = storage;
        this.dumpDirectory = dumpDirectory;
        this.onRangeChanged = null == context.configFile() ? range -> { } : new RangeConfigWriter(context.configFile());
    }

    @Override
    public String[] commandNames()
    {
        return COMMAND_NAMES.clone();
    }

    @Override
    public RequestHandler[] newRequestHandlers(final NodeServices services)
    {
        return DhtRequestHandlers.create(storage, services, dumpDirectory, context.batchSize(), onRangeChanged);
    }

    @Override
    public void appendStats(final StatsLine line)
    {
        line.add("total_bytes", storage.bytes()).add("total_records", storage.records());
        for (final DhtChannel channel : storage.channels())
        {
            line.add("channel", channel.name(), "bytes", channel.bytes())
                .add("channel", channel.name(), "records", channel.records());
            if (ValueCompression.NONE != channel.compression())
            {
                line.add("channel", channel.name(), "stored_bytes", channel.storedBytes());
            }
        }
    }

    @Override
    public void forEachChannel(final Visitor visitor)
    {
        for (final DhtChannel channel : storage.channels())
        {
            visitor.channel(channel.name(), channel.records(), channel.bytes());
        }
    }

    @Override
    public void forEachChannelStored(final StoredVisitor visitor)
    {
        for (final DhtChannel channel : storage.channels())
        {
            visitor.channel(channel.name(), channel.storedBytes());
        }
    }

    /**
     * Dumps every channel, then closes the storage.
     *
     * @throws IllegalStateException naming the channels whose dump failed every attempt, after the others are
     *                               dumped and the storage closed: the process must not exit as if all was saved.
     */
    @Override
    public void close()
    {
        final List<String> failed = new ChannelDumper(dumpDirectory).dumpAll(storage.channels());
        storage.close();
        if (!failed.isEmpty())
        {
            throw new IllegalStateException(failed.size() + " channel(s) could not be dumped to " +
                dumpDirectory.path().toAbsolutePath() + " " + failed + ": their records written since their " +
                "previous dump are lost");
        }
    }
}
