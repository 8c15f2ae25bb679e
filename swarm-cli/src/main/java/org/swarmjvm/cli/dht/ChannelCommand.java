package org.swarmjvm.cli.dht;

import picocli.CommandLine.Parameters;

/**
 * A command on one channel: CHANNEL first, its name checked before any node is asked.
 */
abstract class ChannelCommand extends DhtSubcommand
{
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "channel name")
    String channel;

    @Override
    protected void prepare()
    {
        checkChannel(channel);
    }
}
