package org.swarmjvm.protocol.logfiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A wire transcript of the original node ({@code fixtures/wire/**}/*.txt, format in the fixtures' README), parsed
 * into its events. Kept small and local to the logfiles tests until a shared transcript player exists.
 *
 * @param name   file name, for messages.
 * @param events the events in causal order.
 */
public record LogfilesTranscript(String name, List<Event> events)
{
    /** What one line of a transcript says. */
    public enum Kind
    {
        /** The client opens a connection. */
        CONNECT,
        /** The client sends bytes. */
        CLIENT,
        /** The node sends bytes. */
        SERVER,
        /** The node closed the connection. */
        EOF,
        /** The client closes the connection. */
        CLOSE
    }

    /**
     * One event.
     *
     * @param kind       what happened.
     * @param connection name of the connection it happened on.
     * @param bytes      the bytes sent, for CLIENT and SERVER.
     * @param comment    the comment lines just before it, for messages.
     */
    public record Event(Kind kind, String connection, byte[] bytes, String comment)
    {
    }

    /**
     * @param name file name inside {@code fixtures/wire/logfiles}.
     * @return the parsed transcript.
     */
    public static LogfilesTranscript load(final String name)
    {
        return parse(name, fixtures().resolve("wire/logfiles").resolve(name));
    }

    /**
     * @return the fixtures folder, from the {@code swarm.fixtures} system property.
     */
    public static Path fixtures()
    {
        return Path.of(System.getProperty("swarm.fixtures", "/work/shared/fixtures"));
    }

    /**
     * @param name for messages.
     * @param file to parse.
     * @return the parsed transcript.
     */
    public static LogfilesTranscript parse(final String name, final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final List<Event> events = new ArrayList<>();
        String current = "1";
        StringBuilder comment = new StringBuilder();
        for (final String raw : lines)
        {
            final String line = raw.strip();
            if (line.isEmpty())
            {
                continue;
            }
            if (line.startsWith("#"))
            {
                comment.append(line).append('\n');
                continue;
            }
            if (line.startsWith("= connection"))
            {
                final String rest = line.substring("= connection".length()).strip();
                current = rest.isEmpty() ? "1" : rest;
                events.add(new Event(Kind.CONNECT, current, new byte[0], comment.toString()));
            }
            else if (line.startsWith("= use "))
            {
                current = line.substring("= use ".length()).strip();
                continue;
            }
            else if (line.equals("= eof"))
            {
                events.add(new Event(Kind.EOF, current, new byte[0], comment.toString()));
            }
            else if (line.equals("= close"))
            {
                events.add(new Event(Kind.CLOSE, current, new byte[0], comment.toString()));
            }
            else if (line.startsWith("C ") || line.startsWith("S "))
            {
                final Kind kind = line.charAt(0) == 'C' ? Kind.CLIENT : Kind.SERVER;
                events.add(new Event(kind, current, hex(line.substring(2)), comment.toString()));
            }
            else
            {
                throw new IllegalArgumentException(name + ": unknown line " + line);
            }
            comment = new StringBuilder();
        }
        return new LogfilesTranscript(name, List.copyOf(events));
    }

    /**
     * @param connection name.
     * @return the events of one connection, in order.
     */
    public List<Event> eventsOf(final String connection)
    {
        return events.stream().filter((e) -> e.connection().equals(connection)).toList();
    }

    /**
     * Decodes the hex notation of a transcript line: groups of hex digits, {@code XX*N} repeating a byte.
     *
     * @param text the groups.
     * @return the bytes.
     */
    public static byte[] hex(final String text)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final String group : text.strip().split("\\s+"))
        {
            if (group.isEmpty())
            {
                continue;
            }
            final int star = group.indexOf('*');
            if (star >= 0)
            {
                final int b = Integer.parseInt(group.substring(0, star), 16);
                final int n = Integer.parseInt(group.substring(star + 1));
                for (int i = 0; i < n; i++)
                {
                    out.write(b);
                }
                continue;
            }
            if (group.length() % 2 != 0)
            {
                throw new IllegalArgumentException("odd hex group " + group);
            }
            for (int i = 0; i < group.length(); i += 2)
            {
                out.write(Integer.parseInt(group.substring(i, i + 2), 16));
            }
        }
        return out.toByteArray();
    }
}
