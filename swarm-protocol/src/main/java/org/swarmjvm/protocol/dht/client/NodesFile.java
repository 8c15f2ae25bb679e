package org.swarmjvm.protocol.dht.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a nodes file (swarm's {@code NodesConfigReader}): one {@code address:port} per line; text after {@code #}
 * is a comment; lines are trimmed; empty lines are ignored.
 */
public final class NodesFile
{
    private NodesFile()
    {
    }

    /**
     * @param file the nodes file.
     * @return the nodes in file order.
     * @throws IOException              when the file cannot be read.
     * @throws IllegalArgumentException naming the file and line of a malformed line.
     */
    public static List<NodeAddress> parse(final Path file) throws IOException
    {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * @param name  of the source, for messages.
     * @param lines of a nodes file.
     * @return the nodes in order.
     * @throws IllegalArgumentException naming the source and line of a malformed line.
     */
    public static List<NodeAddress> parse(final String name, final List<String> lines)
    {
        final List<NodeAddress> nodes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String raw = lines.get(i);
            final int hash = raw.indexOf('#');
            final String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
            if (line.isEmpty())
            {
                continue;
            }
            try
            {
                nodes.add(parseNode(line));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + ex.getMessage(), ex);
            }
        }
        return nodes;
    }

    private static NodeAddress parseNode(final String line)
    {
        final int colon = line.lastIndexOf(':');
        if (colon < 0)
        {
            throw new IllegalArgumentException("\"" + line + "\" is not address:port");
        }
        final String address = line.substring(0, colon).strip();
        final String port = line.substring(colon + 1).strip();
        try
        {
            return new NodeAddress(address, Integer.parseInt(port));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("port \"" + port + "\" of \"" + line + "\" is not a number", ex);
        }
    }
}
