package org.swarmjvm.cli;

import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.client.NodesFile;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the nodes are: {@code --nodes FILE} (the original's nodes file) or {@code --node HOST:PORT} (repeatable).
 * A mixin: every node command group (dht, later queue and logs) and each of its subcommands takes it, so the
 * options work before or after the subcommand name.
 */
public final class NodeOptions
{
    @Option(names = {"-n", "--nodes"}, paramLabel = "FILE",
        description = "nodes file: one host:port per line, # starts a comment")
    private Path file;

    @Option(names = {"-a", "--node"}, paramLabel = "HOST:PORT", split = ",",
        description = "a node's address and port; repeatable, or comma-separated")
    private List<String> addresses;

    /**
     * @return whether either option was given.
     */
    public boolean isSet()
    {
        return null != file || (null != addresses && !addresses.isEmpty());
    }

    /**
     * Reads the nodes given here, or else the ones given to the group before the subcommand.
     *
     * @param group the group's options, or {@code null}.
     * @return the nodes, in the order given.
     * @throws CliException (usage) when no nodes, both options, or a bad file or address were given.
     */
    public List<NodeAddress> resolve(final NodeOptions group)
    {
        final NodeOptions chosen = isSet() || null == group ? this : group;
        if (!chosen.isSet())
        {
            throw new CliException(ExitCode.USAGE, "no nodes: give --nodes FILE or --node HOST:PORT");
        }
        if (null != chosen.file && null != chosen.addresses)
        {
            throw new CliException(ExitCode.USAGE, "give either --nodes or --node, not both");
        }
        try
        {
            final List<NodeAddress> nodes = null != chosen.file ? NodesFile.parse(chosen.file) :
                NodesFile.parse("--node", chosen.addresses);
            if (nodes.isEmpty())
            {
                throw new CliException(ExitCode.USAGE, "no nodes in " + chosen.file);
            }
            return nodes;
        }
        catch (final IOException ex)
        {
            throw new CliException(ExitCode.USAGE, "cannot read nodes file " + chosen.file + ": " + ex, ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliException(ExitCode.USAGE, ex.getMessage(), ex);
        }
    }
}
