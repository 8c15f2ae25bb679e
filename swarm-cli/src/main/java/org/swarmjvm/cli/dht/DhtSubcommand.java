package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Failures;
import org.swarmjvm.cli.NodeOptions;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.DhtClientException;
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
 * What every DHT subcommand shares: the node options, {@code --json}, {@code --timeout}, connecting with the
 * handshake, and turning client failures into {@link ExitCode}s. A subcommand implements {@link #run}.
 */
abstract class DhtSubcommand implements Callable<Integer>
{
    @Mixin
    NodeOptions nodes;

    @ParentCommand
    DhtCommands group;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print JSON objects, one per line")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
        description = "connect and answer timeout (default ${DEFAULT-VALUE}; Listen streams wait forever)")
    int timeoutSeconds;

    @Override
    public final Integer call()
    {
        if (timeoutSeconds < 1)
        {
            throw new CliException(ExitCode.USAGE, "--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        final List<NodeAddress> addresses = nodes.resolve(null == group ? null : group.nodes);
        prepare();
        final Output output = new Output(out(), json, hexValues());
        try (DhtClient client = connect(addresses))
        {
            return run(client, output);
        }
        catch (final DhtClientException ex)
        {
            throw Failures.ofRequest(ex);
        }
        finally
        {
            output.flush();
        }
    }

    /**
     * Checks the arguments before connecting: a bad one fails without touching the network.
     */
    void prepare()
    {
    }

    /**
     * @return whether values print (or read) as hex.
     */
    boolean hexValues()
    {
        return false;
    }

    /**
     * Runs the command.
     *
     * @param client connected, handshake done.
     * @param output standard output.
     * @return the exit code.
     */
    abstract int run(DhtClient client, Output output);

    PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    PrintWriter err()
    {
        return spec.commandLine().getErr();
    }

    static void checkChannel(final String channel)
    {
        if (!ChannelName.isValid(channel, DhtConst.MAX_CHANNEL_NAME_LENGTH))
        {
            throw new CliException(ExitCode.USAGE, "\"" + channel + "\" is not a valid channel name: 1 to " +
                DhtConst.MAX_CHANNEL_NAME_LENGTH + " ASCII letters, digits, '_' or '-'");
        }
    }

    private DhtClient connect(final List<NodeAddress> addresses)
    {
        final Duration timeout = Duration.ofSeconds(timeoutSeconds);
        final DhtClientContext context = new DhtClientContext()
            .connectionsPerNode(1)
            .connectTimeout(timeout)
            .readTimeout(timeout);
        try
        {
            return DhtClient.connect(addresses, context);
        }
        catch (final DhtClientException ex)
        {
            throw Failures.ofHandshake(ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliException(ExitCode.USAGE, ex.getMessage(), ex);
        }
    }
}
