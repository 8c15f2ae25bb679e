package org.swarmjvm.protocol.logfiles.client;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyOrderedRecordsTest
{
    /** Feeds the records (key, value, key, value, ...) as a client does: every value in the same reused buffer. */
    private static KeyOrderedRecords fed(final Object... keysAndValues)
    {
        final KeyOrderedRecords records = new KeyOrderedRecords();
        final UnsafeBuffer reused = new UnsafeBuffer(new byte[64]);
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            final byte[] bytes = ((String)keysAndValues[i + 1]).getBytes(StandardCharsets.US_ASCII);
            reused.putBytes(3, bytes);
            records.onRecord((Long)keysAndValues[i], reused, 3, bytes.length);
        }
        return records;
    }

    private static List<String> replay(final KeyOrderedRecords records)
    {
        final List<String> lines = new ArrayList<>();
        records.forEachInKeyOrder((key, value) ->
            lines.add(Long.toHexString(key) + " " + new String(value, StandardCharsets.US_ASCII)));
        return lines;
    }

    @Test
    void shouldReplayInUnsignedKeyOrderWhenTwoNodesAnswerInterleaved()
    {
        final KeyOrderedRecords records = fed(0x30L, "node1-c", 0x10L, "node1-a", 0xffffffffffffff01L, "node1-max",
            0x20L, "node2-b", 0x05L, "node2-first");

        assertEquals(5, records.size());
        assertEquals(List.of("5 node2-first", "10 node1-a", "20 node2-b", "30 node1-c", "ffffffffffffff01 node1-max"),
            replay(records), "values are copied, not views of the reused buffer");
    }

    @Test
    void shouldKeepArrivalOrderWhenKeysAreEqual()
    {
        assertEquals(List.of("5 one", "5 two", "5 three", "7 second-key-first"),
            replay(fed(7L, "second-key-first", 5L, "one", 5L, "two", 5L, "three")));
    }
}
