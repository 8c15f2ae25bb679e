package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.HexOption;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.queue.client.QueueClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code swarm queue pop CHANNEL}: takes one record off a channel's queue and prints it; exit 1 when every node's
 * queue is empty.
 */
@Command(name = "pop", mixinStandardHelpOptions = true,
    description = {"Take the oldest record of a channel from the first node (in turn) that has one and print it. " +
        "When the queue is empty on every node, or the channel does not exist or has consumers, print nothing " +
        "and exit 1."})
final class PopCommand extends QueueSubcommand
{
    @Mixin
    HexOption hex;

    @Override
    int run(final QueueClient client, final Output output)
    {
        final byte[] value = client.pop(channel);
        if (null == value)
        {
            return ExitCode.NOT_FOUND;
        }
        output.plain(output.value(value));
        output.object().field("channel", channel).field("value", output.value(value)).end();
        return ExitCode.OK;
    }
}
