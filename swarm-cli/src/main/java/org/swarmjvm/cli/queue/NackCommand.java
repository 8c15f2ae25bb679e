package org.swarmjvm.cli.queue;

import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import picocli.CommandLine.Command;

/**
 * {@code swarm queue nack CHANNEL LEASE}: gives a taken record back.
 */
@Command(name = "nack", mixinStandardHelpOptions = true,
    description = {"Give back a record taken with 'take': it is ready again at the head of the channel, or goes to " +
        "the dead-letter channel after the node's max_deliveries. Prints nothing; exit 1 when the node knows no " +
        "running lease LEASE on the channel."})
final class NackCommand extends LeaseEndCommand
{
    NackCommand()
    {
        super("Nack", QueueNeoClient::nack);
    }
}
