package org.swarmjvm.cli.logs;

import org.swarmjvm.protocol.logfiles.LogfilesConst;
import picocli.CommandLine.Parameters;

/**
 * A logfiles command on one channel: CHANNEL is its first argument, checked before connecting.
 */
abstract class ChannelCommand extends LogsSubcommand
{
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "channel name")
    String channel;

    @Override
    protected void prepare()
    {
        checkChannel(channel, LogfilesConst.MAX_CHANNEL_NAME_LENGTH);
    }
}
