package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.HexOption;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code swarm queue take CHANNEL}: takes the oldest ready record of a channel under a lease and prints the lease
 * id, the delivery count and the value; exit 1 when no record is ready.
 */
@Command(name = "take", mixinStandardHelpOptions = true,
    description = {"Take the oldest ready record of a channel under a lease (neo protocol, one node's neo port) and " +
        "print LEASE DELIVERIES VALUE: nobody else gets the record until the lease ends; 'ack' removes it, " +
        "'nack' or the lease's end puts it back at the head of the channel. When no record is ready, print " +
        "nothing and exit 1."})
final class TakeCommand extends LeaseSubcommand
{
    @Mixin
    LeaseOption lease;

    @Mixin
    HexOption hex;

    @Override
    int run(final QueueNeoClient client, final Output output)
    {
        final QueueNeoClient.TakeResult job = await("Take", client.take(channel, lease.lease()));
        if (!job.taken())
        {
            return ExitCode.NOT_FOUND;
        }
        final String value = output.value(job.value());
        output.plain(job.leaseId() + " " + job.deliveries() + " " + value);
        output.object().field("channel", channel).field("lease", job.leaseId())
            .field("deliveries", job.deliveries()).field("value", value).end();
        return ExitCode.OK;
    }
}
