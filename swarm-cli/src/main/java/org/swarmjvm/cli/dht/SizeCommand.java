package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code swarm dht size [CHANNEL]}: records and bytes per node.
 */
@Command(name = "size", mixinStandardHelpOptions = true,
    description = "Print records and bytes per node, of all channels or of one: NODE records N bytes M.")
final class SizeCommand extends DhtSubcommand
{
    @Parameters(index = "0", paramLabel = "CHANNEL", arity = "0..1", description = "channel name (default: all)")
    String channel;

    @Override
    protected void prepare()
    {
        if (null != channel)
        {
            checkChannel(channel);
        }
    }

    @Override
    int run(final DhtClient client, final Output output)
    {
        for (final NodeSize node : (null == channel ? client.getSize() : client.getChannelSize(channel)).nodes())
        {
            output.plain(node.node() + " records " + node.records() + " bytes " + node.bytes());
            output.object().field("node", node.node().toString()).field("records", node.records())
                .field("bytes", node.bytes()).end();
        }
        return ExitCode.OK;
    }
}
