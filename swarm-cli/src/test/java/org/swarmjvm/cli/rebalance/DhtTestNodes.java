package org.swarmjvm.cli.rebalance;

import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.client.NodesFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DHT nodes in this JVM on 127.0.0.1 and free ports, started with the ranges given (the empty range for a node to
 * add), and what a rebalance test asks of them: every node's range and records, and a client over a nodes file.
 */
final class DhtTestNodes implements AutoCloseable
{
    private final Path folder;
    private final List<DhtNode> nodes = new ArrayList<>();

    /**
     * @param folder for the nodes' data and the nodes files.
     * @param ranges one node per range.
     */
    DhtTestNodes(final Path folder, final List<HashRange> ranges)
    {
        this.folder = folder;
        try
        {
            for (final HashRange range : ranges)
            {
                final DhtNodeContext context = new DhtNodeContext()
                    .range(range)
                    .dataDir(folder.resolve("node" + nodes.size()))
                    .channelCapacity(100_000)
                    .averageValueSize(32);
                context.node().name("dht-node-" + nodes.size()).address("127.0.0.1").port(0).metricsPort(-1);
                nodes.add(DhtNode.launch(context));
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * @param count of nodes.
     * @return {@code count} equal ranges covering every hash.
     */
    static List<HashRange> equalRanges(final int count)
    {
        final List<HashRange> ranges = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            ranges.add(RangeLayout.range(RangeLayout.SPACE.multiply(java.math.BigInteger.valueOf(i))
                .divide(java.math.BigInteger.valueOf(count)), RangeLayout.SPACE.multiply(
                    java.math.BigInteger.valueOf(i + 1L)).divide(java.math.BigInteger.valueOf(count))));
        }
        return ranges;
    }

    NodeAddress address(final int i)
    {
        return new NodeAddress("127.0.0.1", nodes.get(i).port());
    }

    String node(final int i)
    {
        return address(i).toString();
    }

    /**
     * @param name    of the file, in the folder.
     * @param indices of the nodes to list.
     * @return the nodes file.
     */
    Path nodesFile(final String name, final int... indices)
    {
        final StringBuilder text = new StringBuilder("# test nodes\n");
        for (final int i : indices)
        {
            text.append(node(i)).append('\n');
        }
        try
        {
            return Files.writeString(folder.resolve(name), text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return every node's range and records, asked over the wire, in node order.
     */
    Map<NodeAddress, NodeState> states()
    {
        final Map<NodeAddress, NodeState> states = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++)
        {
            try (DhtNodeLink link = new DhtNodeLink(address(i), Duration.ofSeconds(10), Duration.ofSeconds(10)))
            {
                final long[] size = link.size();
                states.put(address(i), new NodeState(address(i), link.range(), size[0], size[1]));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return states;
    }

    /**
     * @param nodesFile listing a valid set.
     * @return a client with its handshake done.
     */
    static DhtClient client(final Path nodesFile)
    {
        try
        {
            return DhtClient.connect(NodesFile.parse(nodesFile), new DhtClientContext().connectionsPerNode(1));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        nodes.forEach(DhtNode::close);
    }
}
