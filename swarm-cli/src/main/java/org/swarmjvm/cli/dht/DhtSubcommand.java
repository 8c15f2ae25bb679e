package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Failures;
import org.swarmjvm.cli.NodeCommand;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.DhtClientException;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.time.Duration;
import java.util.List;

/**
 * What every DHT subcommand shares besides the {@link NodeCommand} options: connecting with the handshake, and
 * turning client failures into {@link ExitCode}s. A subcommand implements {@link #run(DhtClient, Output)}.
 */
abstract class DhtSubcommand extends NodeCommand
{
    @Override
    protected final int run(final List<NodeAddress> addresses, final Output output)
    {
        try (DhtClient client = connect(addresses))
        {
            return run(client, output);
        }
        catch (final DhtClientException ex)
        {
            throw Failures.ofRequest(ex);
        }
    }

    /**
     * Runs the command.
     *
     * @param client connected, handshake done.
     * @param output standard output.
     * @return the exit code.
     */
    abstract int run(DhtClient client, Output output);

    static void checkChannel(final String channel)
    {
        checkChannel(channel, DhtConst.MAX_CHANNEL_NAME_LENGTH);
    }

    private DhtClient connect(final List<NodeAddress> addresses)
    {
        final Duration timeout = timeout();
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
