package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.ValueOptions;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code swarm dht put CHANNEL KEY VALUE}: stores a record on the node owning the key.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = "Store a record (replacing any of that key) on the node owning the key; print where it went.")
final class PutCommand extends KeyedCommand
{
    @Parameters(index = "2", paramLabel = "VALUE", description = ValueOptions.VALUE_DESCRIPTION)
    String valueText;

    @Mixin
    ValueOptions valueOptions;

    byte[] value;

    @Override
    protected void prepare()
    {
        super.prepare();
        value = valueOptions.read(valueText, "the DHT stores no empty values (a Put needs at least one byte)");
    }

    @Override
    int run(final DhtClient client, final Output output)
    {
        client.put(channel, key, value);
        final String node = client.nodeFor(key).toString();
        output.plain("put " + channel + " " + Keys.format(key) + " on " + node);
        output.object().field("channel", channel).field("key", Keys.format(key)).field("node", node)
            .field("bytes", value.length).end();
        return ExitCode.OK;
    }
}
