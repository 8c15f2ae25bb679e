package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.Progress;
import org.swarmjvm.cli.StreamOptions;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code swarm dht getall CHANNEL}: every record of a channel, from every node.
 */
@Command(name = "getall", mixinStandardHelpOptions = true,
    description = "Print every record of a channel, from every node: KEY, a tab, VALUE per line.")
final class GetAllCommand extends ChannelCommand
{
    @Mixin
    StreamOptions stream;

    @Override
    int run(final DhtClient client, final Output output)
    {
        final Progress progress = stream.progress(err());
        client.getAll(channel, (key, value) ->
        {
            final String text = output.value(value);
            output.plain(Keys.format(key) + "\t" + text);
            output.object().field("key", Keys.format(key)).field("value", text).end();
            progress.increment();
        });
        progress.finish();
        return ExitCode.OK;
    }
}
