package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.HexOption;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.protocol.queue.QueueConst;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code swarm queue dead CHANNEL}: prints the records of a channel's dead-letter channel, leaving them there or,
 * with {@code --drain}, removing them.
 */
@Command(name = "dead", mixinStandardHelpOptions = true,
    description = {"Print the records of CHANNEL's dead-letter channel (CHANNEL and the node's dead_letter_suffix), " +
        "oldest first, one value per line, and leave them there: each is taken under a lease, pushed back to the " +
        "dead-letter channel's end and acked, so the channel holds the same records in the same order (a " +
        "record arriving meanwhile comes first; should the command die in between, a record may be there " +
        "twice). With --drain, remove each record once printed. Exit 1 when the dead-letter channel is empty."})
final class DeadCommand extends LeaseSubcommand
{
    @Option(names = "--drain", description = "remove the records printed")
    boolean drain;

    @Mixin
    DeadLetterSuffixOption deadLetter;

    @Mixin
    LeaseOption lease;

    @Mixin
    HexOption hex;

    @Override
    protected void prepare()
    {
        super.prepare();
        checkChannel(deadLetter.deadLetterChannel(channel), QueueConst.MAX_CHANNEL_NAME_LENGTH);
    }

    @Override
    int run(final QueueNeoClient client, final Output output)
    {
        final String dead = deadLetter.deadLetterChannel(channel);
        final List<QueueNeoClient.TakeResult> held = new ArrayList<>();
        int printed = 0;
        for (QueueNeoClient.TakeResult job = await("Take", client.take(dead, lease.lease())); job.taken();
            job = await("Take", client.take(dead, lease.lease())))
        {
            final String value = output.value(job.value());
            output.plain(value);
            output.object().field("channel", dead).field("value", value).end();
            printed++;
            if (drain)
            {
                await("Ack", client.ack(dead, job.leaseId()));
            }
            else
            {
                held.add(job);
            }
        }
        for (final QueueNeoClient.TakeResult job : held)
        {
            final int pushed = await("Push", client.push(job.value(), dead));
            if (QueueNeoRequest.PUSH_PUSHED != pushed)
            {
                throw new CliException(ExitCode.STATUS, "Push back to " + dead + " on " + node + " answered " +
                    pushed + "; the records not pushed back come back when their leases end");
            }
            await("Ack", client.ack(dead, job.leaseId()));
        }
        return printed > 0 ? ExitCode.OK : ExitCode.NOT_FOUND;
    }
}
