package org.swarmjvm.logfiles.node.neo;

import io.airlift.compress.lzo.LzoDecompressor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoClient;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoClient.Record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;
import static org.swarmjvm.protocol.neo.NeoRawConnection.le;

/**
 * Neo GetRange (code 2, v2) on the socket, byte for byte: the spec's captured example, every status, the filter
 * modes, and the flow control: a stream held by withholding {@code Continue}, resumed, and stopped.
 */
@Timeout(120)
class GetRangeHandlerTest extends NeoTestNodes.WithNode
{
    private static String getRange(final String channel, final long low, final long high, final String filter,
        final int mode)
    {
        return "02 02 " + array(channel) + " " + Hex.toHex(le(low)) + " " + Hex.toHex(le(high)) + " " + array(filter) +
            " " + Hex.toHex(new byte[] {(byte)mode});
    }

    private static void put(final NeoRawConnection neo, final long id, final String channel, final long timestamp,
        final byte[] value) throws IOException
    {
        neo.request(id, "01 01 " + array(channel) + " " + Hex.toHex(le(timestamp)) + " " + array(value))
            .answer(id, "fd").answer(id, "01");
    }

    private static void put(final NeoRawConnection neo, final long id, final String channel, final long timestamp,
        final String value) throws IOException
    {
        put(neo, id, channel, timestamp, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads a {@code Records} message and decodes its batch, checking the framing.
     */
    private static List<Record> records(final NeoRawConnection neo, final long id) throws IOException
    {
        final byte[] payload = neo.readAnswer(id);
        assertEquals(3, payload[0], "Records message type, got " + Hex.toHex(payload, 0, Math.min(16, payload.length)));
        final ByteBuffer view = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(payload.length - 17, view.getLong(9), "compressed array length");
        final List<Record> records = new ArrayList<>();
        LogfilesNeoClient.readBatch(new UnsafeBuffer(payload), 1, records);
        return records;
    }

    private static List<String> texts(final List<Record> records)
    {
        final List<String> texts = new ArrayList<>();
        for (final Record record : records)
        {
            texts.add(record.toString());
        }
        return texts;
    }

    @Test
    void shouldAnswerTheCapturedExample() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            put(neo, 1, "lx", 100_000_000L, "abc");
            put(neo, 2, "lx", 100_000_001L, "de");
            neo.send("01 2d00000000000000 2c 0300000000000000 02 02 0200000000000000 6c78 0000000000000000 " +
                "00c2eb0b00000000 0000000000000000 00");
            neo.expect("01 0900000000000000 08 0300000000000000 fd");
            neo.expect("01 0900000000000000 08 0300000000000000 01");
            final byte[] payload = neo.readAnswer(3);
            final ByteBuffer view = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(3, payload[0]);
            assertEquals(0x25, view.getLong(1), "uncompressed length");
            final byte[] plain = new byte[0x25];
            new LzoDecompressor().decompress(payload, 17, (int)view.getLong(9), plain, 0, plain.length);
            assertEquals(Hex.toHex(Hex.parse("00e1f50500000000 0300000000000000 616263 01e1f50500000000 " +
                "0200000000000000 6465")), Hex.toHex(plain));
            neo.send("01 0900000000000000 08 0300000000000000 01");
            neo.expect("01 0900000000000000 08 0300000000000000 05");
            neo.send("01 0900000000000000 08 0300000000000000 06");
            // The request is over: the id starts a new request.
            neo.request(3, getRange("lx", 0, 1, "", 0)).answer(3, "fd").answer(3, "01").answer(3, "05");
            neo.request(3, "06");
            // A one-byte message with an id that is over starts a request without code and version.
            neo.request(3, "06").expectEof();
        }
    }

    @Test
    void shouldAnswerStartedFinishedForAnEmptyRangeAndAMissingChannel() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            put(neo, 1, "lx", 1000, "abc");
            neo.request(2, getRange("lx", 1001, 2000, "", 0)).answer(2, "fd").answer(2, "01").answer(2, "05");
            neo.request(2, "06");
            neo.request(3, getRange("nothing", 0, Long.MAX_VALUE, "", 0)).answer(3, "fd").answer(3, "01")
                .answer(3, "05");
            // While Finished waits for its Ack, anything else is ignored.
            neo.request(3, "01").request(3, "06");
            neo.request(4, getRange("lx", 1000, 1000, "", 0)).answer(4, "fd").answer(4, "01");
            assertEquals(List.of("1000:abc"), texts(records(neo, 4)));
        }
    }

    @Test
    void shouldReturnTheInclusiveSignedRangeAcrossZero() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            put(neo, 1, "s", -5, "m5");
            put(neo, 2, "s", 0, "z");
            put(neo, 3, "s", 7, "p7");
            put(neo, 4, "s", 8, "p8");
            put(neo, 5, "s", -6, "m6");
            neo.request(6, getRange("s", -5, 7, "", 0)).answer(6, "fd").answer(6, "01");
            assertEquals(List.of("-5:m5", "0:z", "7:p7"), texts(records(neo, 6)));
            neo.request(6, "01").answer(6, "05").request(6, "06");
            neo.request(7, getRange("s", -6, -5, "", 0)).answer(7, "fd").answer(7, "01");
            // One bucket: insertion order.
            assertEquals(List.of("-5:m5", "-6:m6"), texts(records(neo, 7)));
            neo.request(7, "01").answer(7, "05").request(7, "06");
        }
    }

    @Test
    void shouldFilterByEachMode() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            put(neo, 1, "f", 10, "v1001");
            put(neo, 2, "f", 11, "v1002");
            put(neo, 3, "f", 12, "V1003");
            put(neo, 4, "f", 13, "x10");
            final String[][] cases = {
                {"1", "v10", "10:v1001 11:v1002"},
                {"2", "^v10", "10:v1001 11:v1002"},
                {"3", "^v10", "10:v1001 11:v1002 12:V1003"},
                {"1", "", "10:v1001 11:v1002 12:V1003 13:x10"},
                {"2", "", "10:v1001 11:v1002 12:V1003 13:x10"},
                {"0", "", "10:v1001 11:v1002 12:V1003 13:x10"},
            };
            long id = 10;
            for (final String[] c : cases)
            {
                id++;
                neo.request(id, getRange("f", 0, 100, c[1], Integer.parseInt(c[0]))).answer(id, "fd").answer(id, "01");
                assertEquals(c[2], String.join(" ", texts(records(neo, id))), "mode " + c[0] + " filter " + c[1]);
                neo.request(id, "01").answer(id, "05").request(id, "06");
            }
        }
    }

    @Test
    void shouldAnswerErrorWhereTheOriginalSentNothingOrAborted() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            put(neo, 1, "lx", 5, "abc");
            final String[] bad = {
                getRange("lx", 6, 5, "", 0),
                getRange("lx", 0, 9, "(", 2),
                getRange("lx", 0, 9, "[a-", 3),
                getRange("lx", 0, 9, "", 4),
                getRange("lx", 0, 9, "a", 0),
                getRange("../lx", 0, 9, "", 0),
                getRange("lx", 0, 9, "", 0) + " 00",
                getRange("lx", 0, 9, "", 0).substring(0, 40),
                "02 02",
            };
            long id = 100;
            for (final String payload : bad)
            {
                id++;
                neo.request(id, payload).answer(id, "fd").answer(id, "03");
            }
            neo.request(id, getRange("lx", 0, 9, "", 0)).answer(id, "fd").answer(id, "01");
            assertEquals(List.of("5:abc"), texts(records(neo, id)));
        }
    }

    @Test
    void shouldHoldTheStreamUntilContinueThenResumeAndStop() throws IOException
    {
        final byte[] value = new byte[5000];
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            for (int i = 0; i < 100; i++)
            {
                value[0] = (byte)i;
                put(neo, 1, "big", 1000 + i, value);
            }
            neo.request(2, getRange("big", 0, 5000, "", 0)).answer(2, "fd").answer(2, "01");
            // 20 records of 5 000 bytes reach 100 320 bytes: a batch is sent.
            final List<Record> first = records(neo, 2);
            assertEquals(20, first.size());
            assertEquals(1000, first.get(0).timestamp());
            // Suspended: the client withholds Continue and the node sends nothing.
            neo.expectSilence(300);
            neo.request(2, "01");
            final List<Record> second = records(neo, 2);
            assertEquals(20, second.size());
            assertEquals(1020, second.get(0).timestamp());
            neo.request(2, "02").answer(2, "04");
            // Stopped: the id is free again, and the connection serves on.
            neo.request(2, getRange("big", 1099, 1099, "", 0)).answer(2, "fd").answer(2, "01");
            assertEquals(1, records(neo, 2).size());
            neo.request(2, "01").answer(2, "05").request(2, "06");
        }
    }

    @Test
    void shouldStreamEveryRecordInBatchesOfAtLeastTheThreshold() throws IOException
    {
        final byte[] value = new byte[5000];
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            for (int i = 0; i < 50; i++)
            {
                put(neo, 1, "big", 1000 + i, value);
            }
            neo.request(2, getRange("big", 0, 5000, "", 0)).answer(2, "fd").answer(2, "01");
            int total = 0;
            final List<Integer> sizes = new ArrayList<>();
            for (int batch = 0; batch < 3; batch++)
            {
                final int size = records(neo, 2).size();
                sizes.add(size);
                total += size;
                neo.request(2, "01");
            }
            neo.answer(2, "05").request(2, "06");
            assertEquals(List.of(20, 20, 10), sizes);
            assertEquals(50, total);
        }
    }

    @Test
    void shouldAnswerStopWhileTheWorkerReads() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            for (int i = 0; i < 30; i++)
            {
                put(neo, 1, "many", 1_000_000L * i, "value " + i);
            }
            // Start and stop in one segment: Stop arrives while the first batch is being read, or right after it.
            neo.send(Hex.toHex(NeoRawConnection.requestMessage(2, Hex.parse(getRange("many", 0, Long.MAX_VALUE, "",
                0)))) + Hex.toHex(NeoRawConnection.requestMessage(2, Hex.parse("02"))));
            neo.answer(2, "fd").answer(2, "01");
            final byte[] next = neo.readAnswer(2);
            assertTrue(next[0] == 4 || next[0] == 3, "Stopped, or the batch the Stop was sent after");
            if (3 == next[0])
            {
                neo.answer(2, "04");
            }
            neo.request(3, getRange("many", 0, 0, "", 0)).answer(3, "fd").answer(3, "01");
            assertEquals(List.of("0:value 0"), texts(records(neo, 3)));
        }
    }

    @Test
    void shouldCloseTheConnectionForAnUnexpectedMessage() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            put(neo, 1, "lx", 5, "abc");
            neo.request(2, getRange("lx", 0, 9, "", 0)).answer(2, "fd").answer(2, "01");
            records(neo, 2);
            neo.request(2, "07");
            neo.expectEof();
        }
    }
}
