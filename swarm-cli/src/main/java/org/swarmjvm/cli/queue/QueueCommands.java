package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.NodeGroup;
import org.swarmjvm.cli.NodeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code swarm queue ...}: the group of queue commands. The node options may come before the subcommand
 * ({@code swarm queue -n FILE pop ...}) or after it ({@code swarm queue pop --node HOST:PORT ...}).
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
    description = {"Talk to queue nodes. Push goes to one node (the next one when it fails), Pop asks the nodes " +
        "in turn until one has a record, Consume and RemoveChannel go to every node. Take, Ack, Nack and Dead " +
        "(leased delivery) speak neo to one node's neo port, with --credentials."},
    subcommands = {PushCommand.class, PopCommand.class, ConsumeCommand.class, RemoveChannelCommand.class,
        TakeCommand.class, AckCommand.class, NackCommand.class, DeadCommand.class, StatsCommand.class})
public final class QueueCommands implements NodeGroup
{
    @Mixin
    NodeOptions nodes;

    @Override
    public NodeOptions nodes()
    {
        return nodes;
    }
}
