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
    @Parameters(index = "1", paramLabel = "LEASE", description = "the lease id 'take' printed")
    long leaseId;

    @Override
    final int run(final QueueNeoClient client, final Output output)
    {
        final boolean known = await(request(), end(client));
        output.object().field("channel", channel).field("lease", leaseId).field("done", known).end();
        return known ? ExitCode.OK : ExitCode.NOT_FOUND;
    }

    /**
     * @return the request's name, for messages.
     */
    abstract String request();

    /**
     * @param client on the node.
     * @return the request's answer: whether the lease was known.
     */
    abstract CompletableFuture<Boolean> end(QueueNeoClient client);
}
