package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.config.LogfilesNodeContext;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.RequestFlood;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14, case 1 against the logfiles node: PutBatch requests declaring 10 MiB batches that never come cost the
 * node nothing, the part of them that did come stays within the node's request memory, and Put and GetRange of
 * other clients are answered throughout.
 */
@Timeout(180)
class LogfilesRequestMemoryTest
{
    @TempDir
    Path dir;

    @Test
    void shouldBoundWhatDeclaredBatchesHold() throws IOException
    {
        final LogfilesNodeContext context = new LogfilesNodeContext().dataDir(dir.resolve("data"));
        context.node().address("127.0.0.1").port(0).statsFile(null).requestMemoryLimit(RequestFlood.limit());
        try (LogfilesNode node = LogfilesNode.launch(context);
            LogfilesClient client = new LogfilesClient(new InetSocketAddress("127.0.0.1", node.port())))
        {
            final long[] key = {0x60000000L};
            RequestFlood.run("logfiles", new InetSocketAddress("127.0.0.1", node.port()), node.requestMemory(),
                new Frame().i32(LogfilesCommand.PUT_BATCH.code()).array("bp").u64(RequestFlood.DECLARED).bytes(),
                () -> assertRoundTrip(client, key[0]++));
        }
    }

    private static void assertRoundTrip(final LogfilesClient client, final long key)
    {
        try
        {
            final byte[] value = ("record " + key).getBytes(StandardCharsets.US_ASCII);
            assertEquals(SwarmStatus.OK, client.put("other", key, value));
            final List<String> read = new ArrayList<>();
            client.getRange("other", key, key, (k, buffer, offset, length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                read.add(new String(bytes, StandardCharsets.US_ASCII));
            });
            assertEquals(List.of("record " + key), read);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
