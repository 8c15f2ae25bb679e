package org.swarmjvm.cli.dht;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.protocol.dht.HashRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DHT nodes in this JVM on 127.0.0.1 and free ports, splitting the hash range, with a nodes file.
 */
final class TestCluster implements AutoCloseable
{
    /** The Put value limit of the nodes: batch_size 1024 less 32. */
    static final int MAX_VALUE = 1024 - 32;

    static
    {
        // The first Chronicle Map of a JVM takes seconds to set up (code generation); pay that here, once, rather
        // than inside the first Put a test times.
        try (DhtChannel warmUp = new DhtChannel("warm-up", 100, 32))
        {
            warmUp.put(1, new UnsafeBuffer(new byte[]{1}), 0, 1);
        }
    }

    private final List<DhtNode> nodes = new ArrayList<>();
    private final Path nodesFile;

    /**
     * @param folder      for the nodes' data and the nodes file.
     * @param ranges      one node per range.
     * @param metricsPort the first node's metrics port, or -1 for none.
     */
    TestCluster(final Path folder, final List<HashRange> ranges, final int metricsPort)
    {
        try
        {
            for (int i = 0; i < ranges.size(); i++)
            {
                final DhtNodeContext context = new DhtNodeContext()
                    .range(ranges.get(i))
                    .dataDir(folder.resolve("node" + i))
                    .batchSize(1024)
                    .channelCapacity(1000)
                    .averageValueSize(32);
                context.node().name("dht-node-" + i).address("127.0.0.1").port(0)
                    .metricsPort(0 == i ? metricsPort : -1);
                nodes.add(DhtNode.launch(context));
            }
            final StringBuilder file = new StringBuilder("# test cluster\n");
            nodes.forEach(node -> file.append("127.0.0.1:").append(node.port()).append('\n'));
            nodesFile = Files.writeString(folder.resolve("dht.nodes"), file);
        }
        catch (final IOException | RuntimeException ex)
        {
            close();
            throw ex instanceof IOException ? new UncheckedIOException((IOException)ex) : (RuntimeException)ex;
        }
    }

    /**
     * @param folder for the node's data.
     * @return one node owning the whole range.
     */
    static TestCluster single(final Path folder)
    {
        return new TestCluster(folder, List.of(HashRange.FULL), -1);
    }

    /**
     * @param folder for the nodes' data.
     * @return two nodes splitting the range in halves.
     */
    static TestCluster halves(final Path folder)
    {
        return new TestCluster(folder, List.of(new HashRange(0, 0x7fffffffffffffffL),
            new HashRange(0x8000000000000000L, -1L)), -1);
    }

    /**
     * @param i node index.
     * @return {@code 127.0.0.1:port} of that node.
     */
    String node(final int i)
    {
        return "127.0.0.1:" + nodes.get(i).port();
    }

    /**
     * @return the nodes file.
     */
    Path nodesFile()
    {
        return nodesFile;
    }

    @Override
    public void close()
    {
        nodes.forEach(DhtNode::close);
    }
}
