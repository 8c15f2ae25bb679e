package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.NodeGroup;
import org.swarmjvm.cli.NodeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code swarm logs ...}: the group of logfiles commands. The node options may come before the subcommand
 * ({@code swarm logs -n FILE range ...}) or after it ({@code swarm logs range --node HOST:PORT ...}).
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = {"Talk to logfiles nodes. Keys (KEY, FROM, TO) are timestamps given as 1 to 16 hex digits, as " +
        "the protocol writes them (5721c2f2 is 2016-04-28T07:59:46Z), or as decimal Unix seconds with --decimal; " +
        "keys always print as 16 hex digits. Put goes to one node, every other command to every node."},
    subcommands = {PutCommand.class, RangeCommand.class, GetAllCommand.class, ChannelsCommand.class,
        RemoveChannelCommand.class, RebalanceCommand.class})
public final class LogsCommands implements NodeGroup
{
    @Mixin
    NodeOptions nodes;

    @Override
    public NodeOptions nodes()
    {
        return nodes;
    }
}
