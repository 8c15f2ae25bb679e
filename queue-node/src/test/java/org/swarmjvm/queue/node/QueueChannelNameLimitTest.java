package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.protocol.queue.QueueConst;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channel names are bounded by the longest file the node ever creates for one: the temporary file of the default
 * subscriber's dump, {@code @<channel>.rq.tmp}, must fit the file system's 255 bytes, so names of up to 247 bytes
 * are accepted and every longer one gets BadChannelName (409) at the request that would create it.
 * <p>
 * Capture {@code push-channel-name-long.txt}: the original accepted 255 and 1000 bytes, and a name of 249 to 252
 * bytes passed the old check of {@code <name>.rq} against 255 bytes, then made the shutdown stop at that channel
 * writing {@code <name>.rq.tmp}: with rings in memory only, every channel after it was lost.
 */
class QueueChannelNameLimitTest
{
    private static final int OK = 200;
    private static final int BAD_CHANNEL_NAME = 409;
    private static final int CHANNELS = 20;

    @TempDir
    Path data;

    @Test
    @Timeout(60)
    void shouldRefuseNamesWhoseFilesWouldNotFitAndKeepEveryOtherChannelAcrossAShutdown()
    {
        final String longest = "M".repeat(247);
        final List<Integer> refused = new ArrayList<>();
        try (QueueNode node = launch(); RawConnection c = new RawConnection(node.port()))
        {
            for (int i = 0; i < CHANNELS / 2; i++)
            {
                assertEquals(OK, QueueNodeSocketTest.push(c, "before" + i, "record " + i));
            }
            for (final int length : new int[]{248, 249, 250, 251, 252, 253, 255, 1000})
            {
                refused.add(QueueNodeSocketTest.push(c, "L".repeat(length), "v"));
            }
            for (int i = 0; i < CHANNELS / 2; i++)
            {
                assertEquals(OK, QueueNodeSocketTest.push(c, "after" + i, "record " + i));
            }
            assertEquals(OK, QueueNodeSocketTest.push(c, longest, "longest"));
            c.i32(QueueCommand.CONSUME.code()).array("L".repeat(248)).send();
            refused.add(c.readStatus());
        }
        assertTrue(Files.exists(data.resolve(longest + ".rq")), "the longest name is dumped");
        try (QueueNode node = launch(); RawConnection c = new RawConnection(node.port()))
        {
            for (int i = 0; i < CHANNELS / 2; i++)
            {
                assertEquals("record " + i, QueueNodeSocketTest.pop(c, "before" + i));
                assertEquals("record " + i, QueueNodeSocketTest.pop(c, "after" + i));
            }
            assertEquals("longest", QueueNodeSocketTest.pop(c, longest), "and loaded again");
        }
        assertEquals(Collections.nCopies(9, BAD_CHANNEL_NAME), refused);
        assertEquals(longest.length(), QueueConst.MAX_CHANNEL_NAME_LENGTH);
    }

    private QueueNode launch()
    {
        return QueueNode.launch(QueueNodeTranscriptTest.testContext(data).crashSafe(false));
    }
}
