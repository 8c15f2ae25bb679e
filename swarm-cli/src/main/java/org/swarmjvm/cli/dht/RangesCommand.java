package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;

import java.util.Map;

/**
 * {@code swarm dht ranges}: each node's hash range.
 */
@Command(name = "ranges", mixinStandardHelpOptions = true,
    description = "Print each node's hash range (of bit-reversed keys): NODE 0xMIN..0xMAX.")
final class RangesCommand extends DhtSubcommand
{
    @Override
    int run(final DhtClient client, final Output output)
    {
        for (final Map.Entry<NodeAddress, HashRange> node : client.getResponsibleRange().entrySet())
        {
            output.plain(node.getKey() + " " + node.getValue());
            output.object().field("node", node.getKey().toString())
                .field("min", Keys.format(node.getValue().min())).field("max", Keys.format(node.getValue().max()))
                .end();
        }
        return ExitCode.OK;
    }
}
