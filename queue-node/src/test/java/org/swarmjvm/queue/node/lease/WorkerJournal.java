package org.swarmjvm.queue.node.lease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link WorkerProcess} wrote to its journal, read as it grows: only whole lines, so that a test can poll
 * it while the worker writes. It splits the journal into connections (epochs) and tells the records a handler
 * finished whose ack is certain (the same thread went on to another record, which it does only once the ack was
 * answered) from those whose ack may not have reached the node (each thread's last record of a connection that
 * broke, or of a worker killed).
 */
final class WorkerJournal
{
    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private long offset;
    private byte[] partial = new byte[0];

    WorkerJournal(final Path file)
    {
        this.file = file;
    }

    /**
     * @return the journal file.
     */
    Path file()
    {
        return file;
    }

    /**
     * Reads the lines written since the last call.
     *
     * @return every whole line so far.
     */
    List<String> lines()
    {
        if (!Files.exists(file))
        {
            return lines;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size > offset)
            {
                final ByteBuffer buffer = ByteBuffer.allocate((int)(size - offset));
                channel.read(buffer, offset);
                offset = size;
                final byte[] read = new byte[partial.length + buffer.position()];
                System.arraycopy(partial, 0, read, 0, partial.length);
                System.arraycopy(buffer.array(), 0, read, partial.length, buffer.position());
                int start = 0;
                for (int i = 0; i < read.length; i++)
                {
                    if ('\n' == read[i])
                    {
                        lines.add(new String(read, start, i - start, StandardCharsets.US_ASCII));
                        start = i + 1;
                    }
                }
                partial = Arrays.copyOfRange(read, start, read.length);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return lines;
    }

    /**
     * @param event the line's first word, e.g. {@code done}.
     * @return the values of the lines of that event, in order.
     */
    List<String> values(final String event)
    {
        final List<String> values = new ArrayList<>();
        for (final String line : lines())
        {
            final String[] words = line.split(" ");
            if (event.equals(words[0]))
            {
                values.add(words[2]);
            }
        }
        return values;
    }

    /**
     * The records finished whose ack may not have reached the node: each thread's last finished record in every
     * connection but the last, and in the last one too when the worker was killed.
     *
     * @param killed whether the worker was killed (its last connection broke too).
     * @return the values, each once per uncertain finish.
     */
    List<String> uncertain(final boolean killed)
    {
        final List<String> uncertain = new ArrayList<>();
        final Map<String, String> lastByThread = new HashMap<>();
        for (final String line : lines())
        {
            final String[] words = line.split(" ");
            if ("epoch".equals(words[0]))
            {
                uncertain.addAll(lastByThread.values());
                lastByThread.clear();
            }
            else if ("done".equals(words[0]) || "failed".equals(words[0]))
            {
                lastByThread.put(words[1], "done".equals(words[0]) ? words[2] : null);
            }
        }
        if (killed)
        {
            uncertain.addAll(lastByThread.values());
        }
        uncertain.removeIf(value -> null == value);
        return uncertain;
    }

    /**
     * @return the distinct values finished so far.
     */
    Set<String> finished()
    {
        return new HashSet<>(values("done"));
    }
}
