package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.NodeGroup;
import org.swarmjvm.cli.NodeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code swarm dht ...}: the group of DHT commands. The node options may come before the subcommand
 * ({@code swarm dht -n FILE get ...}) or after it ({@code swarm dht get --node HOST:PORT ...}).
 */
@Command(name = "dht", mixinStandardHelpOptions = true,
    description = {"Talk to DHT nodes. Keys are 1 to 16 hex digits, or any string with --hash (FNV-1a 64 of its " +
        "UTF-8 bytes); arguments come in the order CHANNEL KEY VALUE."},
    subcommands = {
        PutCommand.class, GetCommand.class, ExistsCommand.class, RemoveCommand.class, GetAllCommand.class,
        KeysCommand.class, ListenCommand.class, ChannelsCommand.class, SizeCommand.class, RangesCommand.class,
        RebalanceCommand.class,
        RemoveChannelCommand.class})
public final class DhtCommands implements NodeGroup
{
    @Mixin
    NodeOptions nodes;

    @Override
    public NodeOptions nodes()
    {
        return nodes;
    }
}
