package org.swarmjvm.dht.node;

import org.swarmjvm.node.testing.QuietLoggers;
import org.swarmjvm.node.testing.fuzz.FuzzDriver;
import org.swarmjvm.node.testing.fuzz.NodeFuzz;
import org.swarmjvm.node.testing.fuzz.WellBehavedClient;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The DHT node's fuzzing set-up, shared by the suite's short run, the long run and the regression seeds: a node in
 * this JVM owning the full range with a small {@code batch_size}, the DHT frame generator, well-behaved clients,
 * and a janitor that removes every channel fuzzing created.
 */
final class DhtFuzz implements NodeFuzz
{
    /** Small, so that Put values over the limit are cheap to send. */
    static final int BATCH_SIZE = 8 * 1024;
    /**
     * Memory the node may gain over a run. A connection holds a declared request of up to 20 MiB in a read buffer
     * that grows by doubling (so up to 40 MiB) until the rest arrives or the client hangs up; four fuzzing
     * connections may do so at once; pooled slots keep buffers of up to 1 MiB each. Anything that piles up per
     * request or per connection breaks the bound within a long run.
     */
    static final long MEMORY_BOUND = 256L * 1024 * 1024;

    /**
     * Loggers that write a line per damaged frame, per refused request kind of a connection, or per channel
     * fuzzing creates and removes.
     */
    private static final String[] CHATTY_LOGGERS = {"org.swarmjvm.node.legacy.LegacyConnection",
        "org.swarmjvm.dht.node.request.RefusalLog", "org.swarmjvm.dht.node.storage.DhtStorage",
        "org.swarmjvm.protocol.dht.tcm.DumpDirectory"};

    private final DhtNode node;
    private final DhtFrameGenerator generator = new DhtFrameGenerator(BATCH_SIZE);
    private final FuzzDriver driver;
    private final DhtClient janitor;
    private final QuietLoggers quietLoggers = new QuietLoggers(CHATTY_LOGGERS);

    /**
     * @param dataDir of the node.
     */
    DhtFuzz(final Path dataDir)
    {
        node = TestNodes.launch(dataDir, new org.swarmjvm.protocol.dht.HashRange(0, -1), context ->
        {
            context.batchSize(BATCH_SIZE);
            context.node().connectionLimit(1000);
            return context;
        });
        driver = new FuzzDriver(TestNodes.address(node), generator, Duration.ofSeconds(30));
        janitor = DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())));
        // The first channel loads and initialises Chronicle Map, seconds on a busy machine: not part of the run.
        janitor.put("warmup", 0, new byte[]{1});
        janitor.removeChannel("warmup");
    }

    @Override
    public FuzzDriver driver()
    {
        return driver;
    }

    @Override
    public void removeFuzzedChannels()
    {
        for (final String channel : janitor.getChannels())
        {
            if (!channel.isEmpty() && !channel.startsWith(DhtWellBehavedClient.CHANNEL_PREFIX))
            {
                janitor.removeChannel(channel);
            }
        }
    }

    @Override
    public boolean serves()
    {
        return janitor.getVersion().values().stream().allMatch("20110401"::equals);
    }

    @Override
    public WellBehavedClient wellBehavedClient(final int index)
    {
        return new DhtWellBehavedClient(TestNodes.address(node), index);
    }

    @Override
    public long memoryBound()
    {
        return MEMORY_BOUND;
    }

    @Override
    public void close()
    {
        janitor.close();
        node.close();
        quietLoggers.close();
    }
}
