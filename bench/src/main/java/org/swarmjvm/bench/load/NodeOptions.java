package org.swarmjvm.bench.load;

import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.client.NodesFile;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the nodes are (named on the command line or in a nodes file, address:port per line, the format the DHT
 * and queue nodes share) and the channel used.
 */
public final class NodeOptions
{
    @Option(names = {"-a", "--address"}, description = "node as host:port; repeatable")
    private List<String> addresses = new ArrayList<>();

    @Option(names = {"-n", "--nodes"}, description = "nodes file (address:port per line)")
    private Path nodesFile;

    @Option(names = "--channel", description = "channel to use (default: ${DEFAULT-VALUE})")
    private String channel = "bench";

    /**
     * @return the channel name.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * @return the nodes of the DHT.
     */
    public List<NodeAddress> nodes()
    {
        final List<NodeAddress> nodes = new ArrayList<>();
        try
        {
            if (null != nodesFile)
            {
                nodes.addAll(NodesFile.parse(nodesFile));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        for (final String address : addresses)
        {
            final int colon = address.lastIndexOf(':');
            if (colon < 1)
            {
                throw new IllegalArgumentException("node address must be host:port, not " + address);
            }
            nodes.add(new NodeAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
        }
        if (nodes.isEmpty())
        {
            throw new IllegalArgumentException("name the nodes with -a host:port or -n nodes-file");
        }
        return nodes;
    }

    /**
     * @return the nodes as socket addresses, resolved.
     */
    public List<InetSocketAddress> socketAddresses()
    {
        final List<InetSocketAddress> addresses = new ArrayList<>();
        for (final NodeAddress node : nodes())
        {
            addresses.add(node.socketAddress());
        }
        return addresses;
    }

    /**
     * @return a DHT client holding exactly one connection per node: one simulated client.
     */
    public DhtClient connectOne()
    {
        return DhtClient.connect(nodes(), new DhtClientContext().connectionsPerNode(1));
    }
}
