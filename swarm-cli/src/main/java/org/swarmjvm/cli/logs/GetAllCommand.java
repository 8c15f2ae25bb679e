package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.Output;
import picocli.CommandLine.Command;

/**
 * {@code swarm logs getall CHANNEL}: every record of a channel from every node.
 */
@Command(name = "getall", mixinStandardHelpOptions = true,
    description = {"Print every record of a channel from every node: KEY (16 hex digits), a space, VALUE per " +
        "line; each node's records in its storage order, node after node, or sorted by key with --ordered. " +
        "--filter keeps the values that contain TEXT."})
final class GetAllCommand extends RecordsCommand
{
    @Override
    int run(final Output output)
    {
        if (null != filter)
        {
            final byte[] text = filterBytes();
            return print("GetAllFilter", (client, handler) -> client.getAllFilter(channel, text, handler), output);
        }
        return print("GetAll", (client, handler) -> client.getAll(channel, handler), output);
    }
}
