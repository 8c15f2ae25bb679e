package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.Failures;
import org.swarmjvm.cli.NodeCommand;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.util.List;

/**
 * What every logfiles subcommand shares: a {@link LogfilesClient} per node asked, each request's status and
 * failures turned into exit codes. A subcommand implements {@link #run(Output)} with {@link #onNode} and
 * {@link #onEveryNode}.
 */
abstract class LogsSubcommand extends NodeCommand
{
    /** The nodes given, in order. */
    List<NodeAddress> addresses;

    /**
     * One request on one node's connection.
     */
    @FunctionalInterface
    interface NodeRequest
    {
        /**
         * @param client connected to the node.
         * @return the node's status.
         * @throws IOException when the connection fails.
         */
        SwarmStatus send(LogfilesClient client) throws IOException;
    }

    @Override
    protected final int run(final List<NodeAddress> addresses, final Output output)
    {
        this.addresses = addresses;
        return run(output);
    }

    /**
     * Runs the command.
     *
     * @param output standard output.
     * @return the exit code.
     */
    abstract int run(Output output);

    /**
     * Runs a request on one node.
     *
     * @param node    to ask.
     * @param name    the request's name, for messages.
     * @param request to run.
     * @throws org.swarmjvm.cli.CliException when the node cannot be reached or answers anything but OK.
     */
    void onNode(final NodeAddress node, final String name, final NodeRequest request)
    {
        try (LogfilesClient client = new LogfilesClient(node.socketAddress(), timeout()))
        {
            final SwarmStatus status = request.send(client);
            if (SwarmStatus.OK != status)
            {
                throw Failures.ofStatus(name, node, status);
            }
        }
        catch (final IOException ex)
        {
            throw Failures.ofIo(name, node, ex);
        }
    }

    /**
     * Runs a request on every node, one after the other, in the order given; the first failure stops it.
     *
     * @param name    the request's name, for messages.
     * @param request to run.
     */
    void onEveryNode(final String name, final NodeRequest request)
    {
        for (final NodeAddress node : addresses)
        {
            onNode(node, name, request);
        }
    }
}
