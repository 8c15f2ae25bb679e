package org.swarmjvm.cli;

import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What every subcommand of a node group shares: the node options, {@code --json}, {@code --timeout}, checking the
 * arguments before touching the network ({@link #prepare()} and every {@link CheckedOptions} mixin), and the
 * output (values as hex when a {@link HexOutput} mixin says so). A node kind's base class connects its client in
 * {@link #run(List, Output)}.
 */
public abstract class NodeCommand implements Callable<Integer>
{
    @Mixin
    NodeOptions nodes;

    @ParentCommand
    NodeGroup group;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print JSON objects, one per line")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
        description = "connect and answer timeout (default ${DEFAULT-VALUE}; streams of new records wait forever)")
    int timeoutSeconds;

    @Override
    public final Integer call()
    {
        if (timeoutSeconds < 1)
        {
            throw new CliException(ExitCode.USAGE, "--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        final List<NodeAddress> addresses = nodes.resolve(null == group ? null : group.nodes());
        boolean hexValues = false;
        for (final CommandSpec mixin : spec.mixins().values())
        {
            final Object options = mixin.userObject();
            if (options instanceof CheckedOptions)
            {
                ((CheckedOptions)options).check();
            }
            if (options instanceof HexOutput)
            {
                hexValues |= ((HexOutput)options).hex();
            }
        }
        prepare();
        final Output output = new Output(out(), json, hexValues);
        try
        {
            return run(addresses, output);
        }
        finally
        {
            output.flush();
        }
    }

    /**
     * Checks the arguments before connecting: a bad one fails without touching the network.
     */
    protected void prepare()
    {
    }

    /**
     * Connects to the nodes and runs the command.
     *
     * @param addresses the nodes, as given.
     * @param output    standard output.
     * @return the exit code.
     */
    protected abstract int run(List<NodeAddress> addresses, Output output);

    /**
     * @return the connect and answer timeout of {@code --timeout}.
     */
    protected Duration timeout()
    {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /**
     * @return standard output.
     */
    protected PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    /**
     * @return standard error.
     */
    protected PrintWriter err()
    {
        return spec.commandLine().getErr();
    }

    /**
     * @param channel   a CHANNEL argument.
     * @param maxLength the longest name the node kind accepts.
     * @throws CliException (usage) when the name is not a valid channel name.
     */
    protected static void checkChannel(final String channel, final int maxLength)
    {
        if (!ChannelName.isValid(channel, maxLength))
        {
            throw new CliException(ExitCode.USAGE, "\"" + channel + "\" is not a valid channel name: 1 to " +
                maxLength + " ASCII letters, digits, '_' or '-'");
        }
    }
}
