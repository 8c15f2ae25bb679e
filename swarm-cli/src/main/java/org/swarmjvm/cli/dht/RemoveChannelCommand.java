package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;

/**
 * {@code swarm dht remove-channel CHANNEL}: deletes a channel and its records on every node.
 */
@Command(name = "remove-channel", mixinStandardHelpOptions = true,
    description = "Delete a channel and its records on every node (succeeds whether or not it existed).")
final class RemoveChannelCommand extends ChannelCommand
{
    @Override
    int run(final DhtClient client, final Output output)
    {
        client.removeChannel(channel);
        output.plain("removed channel " + channel + " on " + client.nodes().size() + " nodes");
        output.object().field("channel", channel).field("nodes", client.nodes().size()).end();
        return ExitCode.OK;
    }
}
