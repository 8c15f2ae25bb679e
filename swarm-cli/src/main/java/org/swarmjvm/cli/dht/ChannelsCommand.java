package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;

import java.util.TreeSet;

/**
 * {@code swarm dht channels}: the channels of every node.
 */
@Command(name = "channels", mixinStandardHelpOptions = true,
    description = "List the channels of every node, sorted, one per line.")
final class ChannelsCommand extends DhtSubcommand
{
    @Override
    int run(final DhtClient client, final Output output)
    {
        for (final String channel : new TreeSet<>(client.getChannels()))
        {
            output.plain(channel);
            output.object().field("channel", channel).end();
        }
        return ExitCode.OK;
    }
}
