package org.swarmjvm.cli;

import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.HexKey;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.client.NodeSize;
import org.swarmjvm.protocol.dht.client.NodesFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code swarm dht ...}: every DHT command a user runs by hand. Keys are 16 hex digits; values are text.
 */
@Command(name = "dht", mixinStandardHelpOptions = true, description = "Talk to DHT nodes.")
final class DhtCommands
{
    @ArgGroup(multiplicity = "1")
    private Nodes nodes;

    /**
     * Where the nodes are: a nodes file or addresses on the command line.
     */
    static final class Nodes
    {
        @Option(names = {"-n", "--nodes"}, paramLabel = "FILE",
            description = "nodes file: one address:port per line, # comments")
        private Path file;

        @Option(names = {"-a", "--node"}, paramLabel = "ADDRESS:PORT", split = ",",
            description = "a node's address and port (repeatable)")
        private List<String> addresses;
    }

    private final PrintStream out = System.out;

    @Command(name = "put", description = "Store a record.")
    int put(
        @Parameters(paramLabel = "CHANNEL") final String channel,
        @Parameters(paramLabel = "KEY", description = "16 hex digits") final String key,
        @Parameters(paramLabel = "VALUE") final String value) throws IOException
    {
        try (DhtClient client = connect())
        {
            client.put(channel, HexKey.parse(key), value.getBytes(StandardCharsets.UTF_8));
            out.println("put " + channel + " " + key + " on " + client.nodeFor(HexKey.parse(key)));
        }
        return 0;
    }

    @Command(name = "get", description = "Print a record's value; exit 1 when there is none.")
    int get(@Parameters(paramLabel = "CHANNEL") final String channel,
        @Parameters(paramLabel = "KEY") final String key) throws IOException
    {
        try (DhtClient client = connect())
        {
            final byte[] value = client.get(channel, HexKey.parse(key));
            if (0 == value.length)
            {
                System.err.println("no record " + key + " in " + channel);
                return 1;
            }
            out.println(new String(value, StandardCharsets.UTF_8));
        }
        return 0;
    }

    @Command(name = "exists", description = "Print whether a record exists.")
    int exists(@Parameters(paramLabel = "CHANNEL") final String channel,
        @Parameters(paramLabel = "KEY") final String key) throws IOException
    {
        try (DhtClient client = connect())
        {
            out.println(client.exists(channel, HexKey.parse(key)));
        }
        return 0;
    }

    @Command(name = "remove", description = "Delete a record.")
    int remove(@Parameters(paramLabel = "CHANNEL") final String channel,
        @Parameters(paramLabel = "KEY") final String key) throws IOException
    {
        try (DhtClient client = connect())
        {
            client.remove(channel, HexKey.parse(key));
        }
        return 0;
    }

    @Command(name = "getall", description = "Print every record of a channel: key, tab, value.")
    int getAll(@Parameters(paramLabel = "CHANNEL") final String channel) throws IOException
    {
        final AtomicLong count = new AtomicLong();
        try (DhtClient client = connect())
        {
            client.getAll(channel, (key, value) ->
            {
                count.incrementAndGet();
                out.println(HexKey.toString(key) + "\t" + new String(value, StandardCharsets.UTF_8));
            });
        }
        System.err.println(count.get() + " records");
        return 0;
    }

    @Command(name = "channels", description = "List the channels.")
    int channels() throws IOException
    {
        try (DhtClient client = connect())
        {
            new TreeSet<>(client.getChannels()).forEach(out::println);
        }
        return 0;
    }

    @Command(name = "remove-channel", description = "Delete a channel and its records.")
    int removeChannel(@Parameters(paramLabel = "CHANNEL") final String channel) throws IOException
    {
        try (DhtClient client = connect())
        {
            client.removeChannel(channel);
        }
        return 0;
    }

    @Command(name = "size", description = "Records and bytes per node, of all channels or one.")
    int size(@Parameters(paramLabel = "CHANNEL", arity = "0..1") final String channel) throws IOException
    {
        try (DhtClient client = connect())
        {
            for (final NodeSize node : (null == channel ? client.getSize() : client.getChannelSize(channel)).nodes())
            {
                out.println(node.node() + " records " + node.records() + " bytes " + node.bytes());
            }
        }
        return 0;
    }

    @Command(name = "ranges", description = "Each node's hash range.")
    int ranges() throws IOException
    {
        try (DhtClient client = connect())
        {
            for (final Map.Entry<NodeAddress, HashRange> node : client.getResponsibleRange().entrySet())
            {
                out.println(node.getKey() + " " + node.getValue());
            }
        }
        return 0;
    }

    private DhtClient connect() throws IOException
    {
        final List<NodeAddress> addresses = null != nodes.file ? NodesFile.parse(nodes.file) :
            NodesFile.parse("--node", nodes.addresses);
        return DhtClient.connect(addresses);
    }
}
