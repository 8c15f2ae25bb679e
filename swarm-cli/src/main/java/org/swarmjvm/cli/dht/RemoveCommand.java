package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;

/**
 * {@code swarm dht remove CHANNEL KEY}: deletes a record.
 */
@Command(name = "remove", mixinStandardHelpOptions = true,
    description = "Delete a record (succeeds whether or not it existed); print where the request went.")
final class RemoveCommand extends KeyedCommand
{
    @Override
    int run(final DhtClient client, final Output output)
    {
        client.remove(channel, key);
        final String node = client.nodeFor(key).toString();
        output.plain("removed " + channel + " " + Keys.format(key) + " on " + node);
        output.object().field("channel", channel).field("key", Keys.format(key)).field("node", node).end();
        return ExitCode.OK;
    }
}
