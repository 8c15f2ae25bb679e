package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.Progress;
import org.swarmjvm.cli.ProgressOption;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code swarm dht keys CHANNEL}: every key of a channel, from every node (GetAllKeys).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Print every key of a channel, from every node, one per line.")
final class KeysCommand extends ChannelCommand
{
    @Mixin
    ProgressOption progress;

    @Override
    int run(final DhtClient client, final Output output)
    {
        final Progress counter = progress.progress(err(), "keys");
        client.getAllKeys(channel, key ->
        {
            output.plain(Keys.format(key));
            output.object().field("key", Keys.format(key)).end();
            counter.increment();
        });
        counter.finish();
        return ExitCode.OK;
    }
}
