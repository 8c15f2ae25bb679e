package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.Failures;
import org.swarmjvm.cli.NodeCommand;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.protocol.queue.client.QueueClientException;
import picocli.CommandLine.Parameters;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What every queue subcommand shares: the CHANNEL argument, and a {@link QueueClient} on the nodes given whose
 * failures become exit codes. A subcommand implements {@link #run(QueueClient, Output)}.
 */
abstract class QueueSubcommand extends NodeCommand
{
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "channel name")
    String channel;

    /** How many nodes the client talks to. */
    int nodeCount;

    @Override
    protected void prepare()
    {
        checkChannel(channel, QueueConst.MAX_CHANNEL_NAME_LENGTH);
    }

    @Override
    protected final int run(final List<NodeAddress> addresses, final Output output)
    {
        final List<InetSocketAddress> nodes = new ArrayList<>(addresses.size());
        addresses.forEach(node -> nodes.add(node.socketAddress()));
        nodeCount = nodes.size();
        try (QueueClient client = new QueueClient(nodes, (int)timeout().toMillis()))
        {
            return run(client, output);
        }
        catch (final QueueClientException ex)
        {
            throw Failures.ofQueue(ex);
        }
    }

    /**
     * Runs the command.
     *
     * @param client on the nodes given.
     * @param output standard output.
     * @return the exit code.
     */
    abstract int run(QueueClient client, Output output);
}
