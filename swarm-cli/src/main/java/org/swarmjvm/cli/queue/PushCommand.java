package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.ValueOptions;
import org.swarmjvm.protocol.queue.client.QueueClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code swarm queue push CHANNEL VALUE}: appends a record to a channel's queue.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = {"Append a record to a channel (created if missing) on one node, the next one when it fails. " +
        "Prints nothing; exit 0 once a node stored it."})
final class PushCommand extends QueueSubcommand
{
    @Mixin
    ValueOptions value;

    @Override
    int run(final QueueClient client, final Output output)
    {
        client.push(channel, value.bytes());
        return ExitCode.OK;
    }
}
