package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several clients writing one channel and reading it at once, with removals of another channel in between: every
 * acknowledged record is stored exactly once, and every stream is well-formed.
 */
@Timeout(60)
class ConcurrentClientsTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldStoreEveryRecordOnceWhenClientsWriteAndReadTogether() throws Exception
    {
        final int clients = 4;
        final int perClient = 1500;
        try (LogfilesNode node = TestNodes.launch(dataDir, c -> c.openBucketsPerChannel(2).writeBufferSize(4096)))
        {
            final ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
            try
            {
                final List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < clients; c++)
                {
                    final int client = c;
                    futures.add(pool.submit(() ->
                    {
                        try (LogfilesClient writer = new LogfilesClient(TestNodes.address(node)))
                        {
                            for (int i = 0; i < perClient; i++)
                            {
                                final long key = 0x60000000L + (i % 7) * 4096L + client;
                                final byte[] value = (client + ":" + i).getBytes(StandardCharsets.US_ASCII);
                                assertEquals(SwarmStatus.OK, writer.put("shared", key, value));
                                if (i % 500 == 0)
                                {
                                    assertEquals(SwarmStatus.OK, writer.put("scratch", key, value));
                                    assertEquals(SwarmStatus.OK, writer.removeChannel("scratch"));
                                }
                            }
                        }
                        return null;
                    }));
                }
                futures.add(pool.submit(() ->
                {
                    try (LogfilesClient reader = new LogfilesClient(TestNodes.address(node)))
                    {
                        for (int round = 0; round < 20; round++)
                        {
                            final Set<String> seen = new HashSet<>();
                            assertEquals(SwarmStatus.OK, reader.getAll("shared", (key, buffer, offset, length) ->
                                assertEquals(true, seen.add(buffer.getStringWithoutLengthAscii(offset, length)))));
                        }
                    }
                    return null;
                }));
                for (final Future<?> future : futures)
                {
                    future.get();
                }
            }
            finally
            {
                pool.shutdownNow();
            }
            try (LogfilesClient reader = new LogfilesClient(TestNodes.address(node)))
            {
                final Set<String> values = new HashSet<>();
                final int[] count = new int[1];
                assertEquals(SwarmStatus.OK, reader.getAll("shared", (key, buffer, offset, length) ->
                {
                    values.add(buffer.getStringWithoutLengthAscii(offset, length));
                    count[0]++;
                }));
                assertEquals(clients * perClient, count[0]);
                assertEquals(clients * perClient, values.size());
            }
        }
    }
}
