package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import picocli.CommandLine.Parameters;

import java.util.concurrent.CompletableFuture;

/**
 * What {@code ack} and {@code nack} share: the LEASE argument and the exit codes, 0 when done, 1 when the node
 * knows no running lease of that id (expired, acked or nacked already).
 */
abstract class LeaseEndCommand extends LeaseSubcommand
{
    /**
     * The request that ends a lease, as {@link QueueNeoClient} sends it.
     */
    @FunctionalInterface
    interface LeaseEnd
    {
        /**
         * @param client  on the node.
         * @param channel the channel.
         * @param leaseId the lease.
         * @return whether the node knew the lease.
         */
        CompletableFuture<Boolean> send(QueueNeoClient client, String channel, long leaseId);
    }

    @Parameters(index = "1", paramLabel = "LEASE", description = "the lease id 'take' printed")
    long leaseId;

    private final String request;
    private final LeaseEnd end;

    /**
     * @param request the request's name, for messages.
     * @param end     the request.
     */
    LeaseEndCommand(final String request, final LeaseEnd end)
    {
        this.request = request;
        this.end = end;
    }

    @Override
    final int run(final QueueNeoClient client, final Output output)
    {
        final boolean known = await(request, end.send(client, channel, leaseId));
        output.object().field("channel", channel).field("lease", leaseId).field("done", known).end();
        return known ? ExitCode.OK : ExitCode.NOT_FOUND;
    }
}
