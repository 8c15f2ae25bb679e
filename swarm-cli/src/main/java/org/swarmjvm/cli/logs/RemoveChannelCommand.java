package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import picocli.CommandLine.Command;

/**
 * {@code swarm logs remove-channel CHANNEL}: deletes a channel and its records on every node.
 */
@Command(name = "remove-channel", mixinStandardHelpOptions = true,
    description = "Delete a channel and its records on every node (succeeds whether or not it existed).")
final class RemoveChannelCommand extends ChannelCommand
{
    @Override
    int run(final Output output)
    {
        onEveryNode("RemoveChannel", client -> client.removeChannel(channel));
        output.plain("removed channel " + channel + " on " + addresses.size() + " nodes");
        output.object().field("channel", channel).field("nodes", addresses.size()).end();
        return ExitCode.OK;
    }
}
