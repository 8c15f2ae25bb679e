package org.swarmjvm.protocol.logfiles.client;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyOrderedRecordsTest
{
    private static void feed(final KeyOrderedRecords records, final UnsafeBuffer reused, final long key,
        final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        reused.putBytes(3, bytes);
        records.onRecord(key, reused, 3, bytes.length);
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
        final KeyOrderedRecords records = new KeyOrderedRecords();
        final UnsafeBuffer reused = new UnsafeBuffer(new byte[64]);
        feed(records, reused, 0x30, "node1-c");
        feed(records, reused, 0x10, "node1-a");
        feed(records, reused, 0xffffffffffffff01L, "node1-max");
        feed(records, reused, 0x20, "node2-b");
        feed(records, reused, 0x05, "node2-first");

        assertEquals(5, records.size());
        assertEquals(List.of("5 node2-first", "10 node1-a", "20 node2-b", "30 node1-c", "ffffffffffffff01 node1-max"),
            replay(records), "values are copied, not views of the reused buffer");
    }

    @Test
    void shouldKeepArrivalOrderWhenKeysAreEqual()
    {
        final KeyOrderedRecords records = new KeyOrderedRecords();
        final UnsafeBuffer reused = new UnsafeBuffer(new byte[64]);
        feed(records, reused, 7, "second-key-first");
        feed(records, reused, 5, "one");
        feed(records, reused, 5, "two");
        feed(records, reused, 5, "three");

        assertEquals(List.of("5 one", "5 two", "5 three", "7 second-key-first"), replay(records));
    }
}
