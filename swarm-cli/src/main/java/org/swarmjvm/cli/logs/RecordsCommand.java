package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.Progress;
import org.swarmjvm.cli.StreamOptions;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.KeyOrderedRecords;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A logfiles command that prints records of every node, one {@code KEY VALUE} line each (key as 16 hex digits, a
 * space, the value): in each node's storage order, node after node, or sorted by key with {@code --ordered}.
 */
abstract class RecordsCommand extends ChannelCommand
{
    @Mixin
    StreamOptions stream;

    @Option(names = "--ordered",
        description = "sort the records of every node by key (equal keys in the order received); holds them all " +
            "in memory first")
    boolean ordered;

    @Option(names = "--filter", paramLabel = "TEXT", description = "only values containing TEXT (case-sensitive)")
    String filter;

    /**
     * One bulk request on one node's connection.
     */
    @FunctionalInterface
    interface RecordsRequest
    {
        /**
         * @param client  connected to the node.
         * @param handler receives the records.
         * @return the node's status.
         * @throws IOException when the connection fails.
         */
        SwarmStatus send(LogfilesClient client, LogfilesClient.RecordHandler handler) throws IOException;
    }

    @Override
    protected void prepare()
    {
        super.prepare();
        if (null != filter && filter.isEmpty())
        {
            throw new CliException(ExitCode.USAGE, "--filter needs some text");
        }
    }

    /**
     * @return the filter's bytes (UTF-8), or {@code null} when none was given.
     */
    byte[] filterBytes()
    {
        return null == filter ? null : filter.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Runs a bulk request on every node and prints the records.
     *
     * @param name    the request's name, for messages.
     * @param request to run.
     * @param output  standard output.
     * @return the exit code.
     */
    int print(final String name, final RecordsRequest request, final Output output)
    {
        final Progress progress = stream.progress(err());
        final KeyOrderedRecords sorted = ordered ? new KeyOrderedRecords() : null;
        final LogfilesClient.RecordHandler handler = null != sorted ? sorted : (key, buffer, offset, length) ->
        {
            final byte[] value = new byte[length];
            buffer.getBytes(offset, value);
            print(key, value, output, progress);
        };
        onEveryNode(name, client -> request.send(client, handler));
        if (null != sorted)
        {
            sorted.forEachInKeyOrder((key, value) -> print(key, value, output, progress));
        }
        progress.finish();
        return ExitCode.OK;
    }

    private static void print(final long key, final byte[] value, final Output output, final Progress progress)
    {
        final String text = output.value(value);
        output.plain(Keys.format(key) + " " + text);
        output.object().field("key", Keys.format(key)).field("value", text).end();
        progress.increment();
    }
}
