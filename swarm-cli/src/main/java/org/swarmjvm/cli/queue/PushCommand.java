package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.ValueOptions;
import org.swarmjvm.protocol.queue.client.QueueClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code swarm queue push CHANNEL VALUE}: appends a record to a channel's queue.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = {"Append a record to a channel (created if missing) on one node, the next one when it fails. " +
        "Prints nothing; exit 0 once a node stored it."})
final class PushCommand extends QueueSubcommand
{
    @Parameters(index = "1", paramLabel = "VALUE", description = ValueOptions.VALUE_DESCRIPTION)
    String valueText;

    @Mixin
    ValueOptions valueOptions;

    byte[] value;

    @Override
    protected void prepare()
    {
        super.prepare();
        value = valueOptions.read(valueText, "the queue stores no empty records (a Push needs at least one byte)");
    }

    @Override
    int run(final QueueClient client, final Output output)
    {
        client.push(channel, value);
        return ExitCode.OK;
    }
}
