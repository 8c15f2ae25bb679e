package org.swarmjvm.queue.node;

import org.swarmjvm.protocol.queue.QueueCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The legacy requests of the full-disk tests, with binary values and the status each push got, and the node's
 * outage lines: the ring's and the disk overflow's refusals are one log (DiskFullOutage).
 */
final class DiskFullRequests
{
    private static final int OK = 200;

    private DiskFullRequests()
    {
    }

    static int push(final RawConnection c, final String channel, final byte[] value)
    {
        c.i32(QueueCommand.PUSH.code()).array(channel.getBytes(StandardCharsets.US_ASCII)).array(value).send();
        return c.readStatus();
    }

    static int pushMulti(final RawConnection c, final byte[] value, final String... channels)
    {
        c.i32(QueueCommand.PUSH_MULTI.code());
        for (final String channel : channels)
        {
            c.array(channel.getBytes(StandardCharsets.US_ASCII));
        }
        c.u64(0).array(value).send();
        return c.readStatus();
    }

    static byte[] pop(final RawConnection c, final String channel)
    {
        c.i32(QueueCommand.POP.code()).array(channel).send();
        assertEquals(OK, c.readStatus(), "Pop " + channel);
        return c.readArray().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * @param log   the node's log file.
     * @param level such as {@code WARNING}.
     * @return the outage lines of that level.
     */
    static List<String> outageLines(final Path log, final String level) throws IOException
    {
        return Files.readAllLines(log).stream()
            .filter(line -> line.contains(level) && line.contains("DiskFullOutage")).toList();
    }
}
