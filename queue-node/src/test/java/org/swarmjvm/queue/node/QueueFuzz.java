package org.swarmjvm.queue.node;

import org.swarmjvm.node.testing.QuietLoggers;
import org.swarmjvm.node.testing.fuzz.FuzzDriver;
import org.swarmjvm.node.testing.fuzz.NodeFuzz;
import org.swarmjvm.node.testing.fuzz.WellBehavedClient;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.queue.node.storage.Channel;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue node's fuzzing set-up, shared by the suite's run, the long run and the regression seeds: a node in
 * this JVM with small rings (fuzzing records spill to the disk overflow), the queue frame generator, well-behaved
 * clients, and a janitor that removes every channel fuzzing created.
 */
final class QueueFuzz implements NodeFuzz
{
    /** Small, so that the rings overflow to disk often. */
    static final long RING_BYTES = 4096;
    /**
     * Memory the node may gain over a run. A connection holds a declared request in a direct read buffer that grows
     * by doubling until the rest arrives or the client hangs up: a 10 MiB value beside a list of up to 1,024 names
     * of up to 4 KiB takes a 32 MiB buffer, and four fuzzing connections may do so at once (a run of ten million
     * frames peaked at 150 MB). Rings are memory-mapped files, outside the heap. Anything that piles up per request
     * or per connection breaks the bound within a long run: a slot that kept a vanished client's 32 MiB buffer did.
     */
    static final long MEMORY_BOUND = 256L * 1024 * 1024;

    /** Loggers that write a line per damaged frame or per channel fuzzing creates and removes. */
    private static final String[] CHATTY_LOGGERS = {"org.swarmjvm.node.legacy.LegacyConnection",
        "org.swarmjvm.queue.node.storage.QueueStore", "org.swarmjvm.queue.node.storage.DiskOverflow"};

    private final QuietLoggers quietLoggers = new QuietLoggers(CHATTY_LOGGERS);
    private final QueueFrameGenerator generator = new QueueFrameGenerator();
    private final QueueNode node;
    private final InetSocketAddress address;
    private final FuzzDriver driver;
    private final QueueClient janitor;

    /**
     * @param dataDir of the node.
     */
    QueueFuzz(final Path dataDir)
    {
        node = QueueNode.launch(QueueNodeTranscriptTest.testContext(dataDir).channelSizeLimit(RING_BYTES)
            .connectionLimit(1000));
        address = new InetSocketAddress("127.0.0.1", node.port());
        driver = new FuzzDriver(address, generator, Duration.ofSeconds(30));
        janitor = new QueueClient(List.of(address));
    }

    @Override
    public FuzzDriver driver()
    {
        return driver;
    }

    @Override
    public void removeFuzzedChannels()
    {
        // The queue protocol cannot list channels; the store's channel view can be read from any thread.
        final List<String> fuzzed = new ArrayList<>();
        for (final Channel channel : node.storage().channels())
        {
            if (!channel.name().startsWith(QueueWellBehavedClient.CHANNEL_PREFIX))
            {
                fuzzed.add(channel.name());
            }
        }
        fuzzed.forEach(janitor::removeChannel);
    }

    @Override
    public boolean serves()
    {
        janitor.push("serves", new byte[] {42});
        final byte[] record = janitor.pop("serves");
        return null != record && 1 == record.length && 42 == record[0];
    }

    @Override
    public WellBehavedClient wellBehavedClient(final int index)
    {
        return new QueueWellBehavedClient(address, index);
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
