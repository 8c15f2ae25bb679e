package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.ValueOptions;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code swarm dht put CHANNEL KEY VALUE}: stores a record on the node owning the key.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = "Store a record (replacing any of that key) on the node owning the key; print where it went.")
final class PutCommand extends KeyedCommand
{
    @Mixin
    ValueOptions value;

    @Override
    int run(final DhtClient client, final Output output)
    {
        client.put(channel, key, value.bytes());
        final String node = client.nodeFor(key).toString();
        output.plain("put " + channel + " " + Keys.format(key) + " on " + node);
        output.object().field("channel", channel).field("key", Keys.format(key)).field("node", node)
            .field("bytes", value.bytes().length).end();
        return ExitCode.OK;
    }
}
