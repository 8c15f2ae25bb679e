package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;

/**
 * {@code swarm dht exists CHANNEL KEY}: prints true or false; exit 0 or 1 to match.
 */
@Command(name = "exists", mixinStandardHelpOptions = true,
    description = "Print true or false; exit 0 when the record exists, 1 when not.")
final class ExistsCommand extends KeyedCommand
{
    @Override
    int run(final DhtClient client, final Output output)
    {
        final boolean exists = client.exists(channel, key);
        output.plain(Boolean.toString(exists));
        output.object().field("channel", channel).field("key", Keys.format(key)).field("exists", exists).end();
        return exists ? ExitCode.OK : ExitCode.NOT_FOUND;
    }
}
