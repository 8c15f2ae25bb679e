package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.queue.client.QueueClient;
import picocli.CommandLine.Command;

/**
 * {@code swarm queue remove-channel CHANNEL}: deletes a channel, its records and its consumers on every node.
 */
@Command(name = "remove-channel", mixinStandardHelpOptions = true,
    description = {"Delete a channel and its records on every node (succeeds whether or not it existed); its " +
        "consumers' streams end."})
final class RemoveChannelCommand extends QueueSubcommand
{
    @Override
    int run(final QueueClient client, final Output output)
    {
        client.removeChannel(channel);
        output.plain("removed channel " + channel + " on " + nodeCount + " nodes");
        output.object().field("channel", channel).field("nodes", nodeCount).end();
        return ExitCode.OK;
    }
}
