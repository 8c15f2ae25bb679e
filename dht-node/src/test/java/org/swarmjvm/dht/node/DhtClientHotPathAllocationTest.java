package org.swarmjvm.dht.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DHT client allocates nothing on its own thread per single-key request: Put (from an array and from a buffer),
 * Exists and Get of a record and of a missing one, Remove; a Get of a record allocates only the value array it
 * returns. Both with the moves followed (the default: a miss then asks the node whether it still owns the key) and
 * without. Measured with the JVM's per-thread allocation counter, not with timings: after a warm-up, window after
 * window of the same requests, each command's figure the least of its windows, until every command is within
 * {@value #MAX_BYTES_PER_REQUEST} bytes or {@value #MAX_WINDOWS} windows ran. The least, because a window may
 * still run code the JIT has not compiled yet on a machine busy with other tests.
 */
class DhtClientHotPathAllocationTest
{
    /** Distinct keys per window: a window stores, reads and removes each once per command. */
    private static final int KEYS = 2_000;
    private static final int WARM_UP_WINDOWS = 10;
    private static final int MAX_WINDOWS = 30;
    /** Slack for the JVM's own rare work on the thread, per request. */
    private static final long MAX_BYTES_PER_REQUEST = 8;
    private static final int VALUE_LENGTH = 100;

    private static final String[] COMMANDS =
        {"Put (array)", "Put (buffer)", "Exists", "Get", "Remove", "Exists (miss)", "Get (miss)"};
    private static final int GET = 3;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "followMoves={0}")
    @ValueSource(booleans = {true, false})
    void shouldAllocateNothingPerSingleKeyRequest(final boolean followMoves)
    {
        final long valueArrayBytes = bytesPerArray(VALUE_LENGTH);
        try (DhtNode node = TestNodes.launch(dataDir, HashRange.FULL, UnaryOperator.identity());
            DhtClient client = DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port())),
                new DhtClientContext().connectionsPerNode(1).followMoves(followMoves)))
        {
            final byte[] value = new byte[VALUE_LENGTH];
            final UnsafeBuffer valueBuffer = new UnsafeBuffer(value);
            final long[] bytesPerRequest = new long[COMMANDS.length];
            for (int window = 0; window < WARM_UP_WINDOWS; window++)
            {
                window(client, value, valueBuffer, bytesPerRequest);
            }
            final long[] least = new long[COMMANDS.length];
            Arrays.fill(least, Long.MAX_VALUE);
            for (int window = 0; window < MAX_WINDOWS && !allWithinBound(least); window++)
            {
                window(client, value, valueBuffer, bytesPerRequest);
                bytesPerRequest[GET] -= valueArrayBytes;
                for (int i = 0; i < least.length; i++)
                {
                    least[i] = Math.min(least[i], bytesPerRequest[i]);
                }
            }
            assertTrue(allWithinBound(least), report(least, valueArrayBytes));
        }
    }

    /**
     * Runs every command over every key, each command's requests one after the other.
     *
     * @param bytesPerRequest receives the bytes each command allocated per request on this thread.
     */
    private static void window(
        final DhtClient client, final byte[] value, final UnsafeBuffer valueBuffer, final long[] bytesPerRequest)
    {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int key = 0; key < KEYS; key++)
        {
            client.put("hot", key, value);
        }
        before = perRequest(before, bytesPerRequest, 0);
        for (int key = 0; key < KEYS; key++)
        {
            client.put("hot", key, valueBuffer, 0, VALUE_LENGTH);
        }
        before = perRequest(before, bytesPerRequest, 1);
        for (int key = 0; key < KEYS; key++)
        {
            assertTrue(client.exists("hot", key));
        }
        before = perRequest(before, bytesPerRequest, 2);
        for (int key = 0; key < KEYS; key++)
        {
            assertEquals(VALUE_LENGTH, client.get("hot", key).length);
        }
        before = perRequest(before, bytesPerRequest, GET);
        for (int key = 0; key < KEYS; key++)
        {
            client.remove("hot", key);
        }
        before = perRequest(before, bytesPerRequest, 4);
        for (int key = 0; key < KEYS; key++)
        {
            assertFalse(client.exists("hot", key));
        }
        before = perRequest(before, bytesPerRequest, 5);
        for (int key = 0; key < KEYS; key++)
        {
            assertEquals(0, client.get("hot", key).length);
        }
        perRequest(before, bytesPerRequest, 6);
    }

    private static long perRequest(final long before, final long[] bytesPerRequest, final int command)
    {
        final long after = THREADS.getCurrentThreadAllocatedBytes();
        bytesPerRequest[command] = (after - before) / KEYS;
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * @return the bytes one array of this length takes on this JVM's heap, measured as the client's are.
     */
    private static long bytesPerArray(final int length)
    {
        final byte[][] arrays = new byte[KEYS][];
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < KEYS; i++)
        {
            arrays[i] = new byte[length];
        }
        final long bytes = (THREADS.getCurrentThreadAllocatedBytes() - before) / KEYS;
        assertEquals(length, arrays[KEYS - 1].length);
        return bytes;
    }

    private static boolean allWithinBound(final long[] least)
    {
        for (final long bytes : least)
        {
            if (bytes > MAX_BYTES_PER_REQUEST)
            {
                return false;
            }
        }
        return true;
    }

    private static String report(final long[] least, final long valueArrayBytes)
    {
        final StringBuilder report = new StringBuilder("least bytes per request on the client's thread (Get: beyond " +
            "the value array's " + valueArrayBytes + "), at most " + MAX_BYTES_PER_REQUEST + " allowed:");
        for (int i = 0; i < COMMANDS.length; i++)
        {
            report.append(' ').append(COMMANDS[i]).append(' ').append(least[i]).append(',');
        }
        report.setLength(report.length() - 1);
        return report.toString();
    }
}
