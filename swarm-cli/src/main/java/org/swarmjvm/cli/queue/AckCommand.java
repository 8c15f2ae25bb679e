package org.swarmjvm.cli.queue;

import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import picocli.CommandLine.Command;

/**
 * {@code swarm queue ack CHANNEL LEASE}: removes a taken record for good.
 */
@Command(name = "ack", mixinStandardHelpOptions = true,
    description = {"Acknowledge a record taken with 'take': the node removes it. Prints nothing; exit 1 when the " +
        "node knows no running lease LEASE on the channel (it expired, or was acked or nacked)."})
final class AckCommand extends LeaseEndCommand
{
    AckCommand()
    {
        super("Ack", QueueNeoClient::ack);
    }
}
