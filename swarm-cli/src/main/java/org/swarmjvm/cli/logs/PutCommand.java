package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.ValueOptions;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code swarm logs put CHANNEL KEY VALUE}: appends a record to a channel on one node.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = {"Append a record to a channel (created if missing) and print where it went. The node is the " +
        "key modulo the number of nodes given (the protocol maps no keys to nodes: reads ask every node). Records " +
        "of equal keys are all kept."})
final class PutCommand extends ChannelCommand
{
    @Parameters(index = "1", paramLabel = "KEY", description = "timestamp: 1 to 16 hex digits, decimal with --decimal")
    String keyText;

    @Mixin
    KeyOptions keyOptions;

    @Mixin
    ValueOptions value;

    long key;

    @Override
    protected void prepare()
    {
        super.prepare();
        key = keyOptions.parse(keyText);
    }

    @Override
    int run(final Output output)
    {
        final NodeAddress node = addresses.get((int)Long.remainderUnsigned(key, addresses.size()));
        onNode(node, "Put", client -> client.put(channel, key, value.bytes()));
        output.plain("put " + channel + " " + Keys.format(key) + " on " + node);
        output.object().field("channel", channel).field("key", Keys.format(key)).field("node", node.toString())
            .field("bytes", value.bytes().length).end();
        return ExitCode.OK;
    }
}
