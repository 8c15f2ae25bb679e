package org.swarmjvm.logfiles.node.neo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.LogfilesNode;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoClient;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoClient.Record;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoRequest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The original's neo test suite for the logfiles node (dlstest neo), in its spirit: client {@code test} with the
 * all-zero key, channel {@code test_channel}, values the decimal key (followed by the value index for multiple
 * values per key), ordered keys or FNV-1a64 "spread" keys with bit 63 cleared; each case is verified by 15
 * GetRange requests (5 ranges, each unfiltered, with StringMatch {@code "0"} and with the expression
 * {@code "^1.*"}) compared with a local multiset, and cleaned up by a legacy RemoveChannel. Counts are smaller
 * than the original's 10 000 keys for the spread and multi-value cases, to keep the build quick.
 */
@Timeout(300)
class DlsTestNeoTest
{
    private static final String CHANNEL = "test_channel";

    @TempDir
    Path dir;

    private LogfilesNode node;
    private LogfilesNeoClient client;

    @BeforeEach
    void launch() throws IOException
    {
        node = NeoTestNodes.launch(dir);
        client = new LogfilesNeoClient(NeoClient.connect("127.0.0.1", node.neoPort(), NeoTestNodes.CLIENT,
            NeoRawConnection.ZERO_KEY));
    }

    @AfterEach
    void close() throws IOException
    {
        try (LogfilesClient legacy = new LogfilesClient(new InetSocketAddress("127.0.0.1", node.port())))
        {
            assertEquals(SwarmStatus.OK, legacy.removeChannel(CHANNEL));
        }
        finally
        {
            client.close();
            node.close();
        }
    }

    /** FNV-1a64 of the 4 little-endian bytes of the counter, bit 63 cleared (a non-negative time_t). */
    static long spread(final long counter)
    {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < 4; i++)
        {
            hash ^= (counter >>> (8 * i)) & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash & Long.MAX_VALUE;
    }

    @Test
    void shouldPassOrderedPut() throws Exception
    {
        putAndVerify(10_000, 1, LongUnaryOperator.identity());
    }

    @Test
    void shouldPassOrderedMultiplePut() throws Exception
    {
        putAndVerify(1_000, 10, LongUnaryOperator.identity());
    }

    @Test
    void shouldPassUnorderedPut() throws Exception
    {
        putAndVerify(1_000, 1, DlsTestNeoTest::spread);
    }

    @Test
    void shouldPassUnorderedMultiplePut() throws Exception
    {
        putAndVerify(300, 10, DlsTestNeoTest::spread);
    }

    private void putAndVerify(final int keys, final int valuesPerKey, final LongUnaryOperator keyOf) throws Exception
    {
        final Map<Long, List<String>> local = new HashMap<>();
        final List<CompletableFuture<Integer>> puts = new ArrayList<>();
        long max = 0;
        for (int i = 0; i < keys; i++)
        {
            final long key = keyOf.applyAsLong(i);
            max = Math.max(max, key);
            for (int j = 0; j < valuesPerKey; j++)
            {
                final String value = 0 == j ? Long.toString(key) : key + Integer.toString(j);
                local.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                puts.add(client.put(CHANNEL, key, value.getBytes(StandardCharsets.US_ASCII)));
            }
            if (puts.size() >= 1000)
            {
                awaitPut(puts);
            }
        }
        awaitPut(puts);
        final long min = 0;
        final long mid = max / 2 - 1;
        final long[][] ranges = {{min, max}, {min, max - mid}, {min + mid / 4, max + 1}, {max + 1, max + 2},
            {min / 2, max}};
        final Pattern startsWithOne = Pattern.compile("^1.*");
        for (final long[] range : ranges)
        {
            verify(local, range[0], range[1], "", LogfilesNeoRequest.FILTER_NONE, value -> true);
            verify(local, range[0], range[1], "0", LogfilesNeoRequest.FILTER_STRING_MATCH,
                value -> value.contains("0"));
            verify(local, range[0], range[1], "^1.*", LogfilesNeoRequest.FILTER_PCRE,
                value -> startsWithOne.matcher(value).find());
        }
    }

    private static void awaitPut(final List<CompletableFuture<Integer>> puts) throws Exception
    {
        for (final CompletableFuture<Integer> put : puts)
        {
            assertEquals(LogfilesNeoRequest.PUT_OK, put.get(60, TimeUnit.SECONDS));
        }
        puts.clear();
    }

    private void verify(final Map<Long, List<String>> local, final long low, final long high, final String filter,
        final int mode, final java.util.function.Predicate<String> keep) throws Exception
    {
        final Map<Long, List<String>> expected = new HashMap<>();
        local.forEach((key, values) ->
        {
            if (key >= low && key <= high)
            {
                for (final String value : values)
                {
                    if (keep.test(value))
                    {
                        expected.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                    }
                }
            }
        });
        final Map<Long, List<String>> got = new HashMap<>();
        for (final Record record : client.getRange(CHANNEL, low, high, filter, mode).get(60, TimeUnit.SECONDS))
        {
            got.computeIfAbsent(record.timestamp(), k -> new ArrayList<>())
                .add(new String(record.value(), StandardCharsets.US_ASCII));
        }
        expected.values().forEach(values -> values.sort(null));
        got.values().forEach(values -> values.sort(null));
        assertEquals(expected, got, "GetRange [" + low + ", " + high + "] filter '" + filter + "' mode " + mode);
    }
}
