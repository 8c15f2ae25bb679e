package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import picocli.CommandLine.Command;

import java.util.Set;
import java.util.TreeSet;

/**
 * {@code swarm logs channels}: the channels of every node.
 */
@Command(name = "channels", mixinStandardHelpOptions = true,
    description = "List the channels of every node, sorted, each once, one per line.")
final class ChannelsCommand extends LogsSubcommand
{
    @Override
    int run(final Output output)
    {
        final Set<String> channels = new TreeSet<>();
        onEveryNode("GetChannels", client -> client.getChannels(channels::add));
        for (final String channel : channels)
        {
            output.plain(channel);
            output.object().field("channel", channel).end();
        }
        return ExitCode.OK;
    }
}
