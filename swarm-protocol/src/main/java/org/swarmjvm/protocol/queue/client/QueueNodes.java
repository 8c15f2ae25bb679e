package org.swarmjvm.protocol.queue.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy nodes file: one {@code address:port} per line; text after {@code #} and blank lines are ignored.
 */
public final class QueueNodes
{
    private QueueNodes()
    {
    }

    /**
     * Reads a nodes file.
     *
     * @param file to read.
     * @return the nodes in file order.
     */
    public static List<InetSocketAddress> read(final Path file)
    {
        try
        {
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read nodes file " + file, ex);
        }
    }

    /**
     * Parses the text of a nodes file.
     *
     * @param text of the file.
     * @return the nodes in file order.
     */
    public static List<InetSocketAddress> parse(final String text)
    {
        final List<InetSocketAddress> nodes = new ArrayList<>();
        int lineNumber = 0;
        for (final String rawLine : text.split("\n", -1))
        {
            lineNumber++;
            final int hash = rawLine.indexOf('#');
            final String line = (hash >= 0 ? rawLine.substring(0, hash) : rawLine).trim();
            if (line.isEmpty())
            {
                continue;
            }
            final int colon = line.lastIndexOf(':');
            if (colon <= 0 || colon == line.length() - 1)
            {
                throw new IllegalArgumentException("nodes file line " + lineNumber + ": expected address:port, got '" +
                    line + "'");
            }
            final int port;
            try
            {
                port = Integer.parseInt(line.substring(colon + 1).trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("nodes file line " + lineNumber + ": bad port in '" + line + "'");
            }
            if (port < 1 || port > 0xffff)
            {
                throw new IllegalArgumentException("nodes file line " + lineNumber + ": port " + port +
                    " is outside 1..65535");
            }
            nodes.add(InetSocketAddress.createUnresolved(line.substring(0, colon).trim(), port));
        }
        return nodes;
    }
}
