package org.swarmjvm.dht.node.neo;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.swarmjvm.protocol.neo.NeoRawConnection.ZERO_KEY;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;
import static org.swarmjvm.protocol.neo.NeoRawConnection.le;

/**
 * Every DHT neo request against the spec's bytes (§7, §11), including the captured examples, and the original's
 * defects answered with the spec's codes instead.
 */
class NeoDhtRequestsTest
{
    private static final String GET_ALL_EX = "05 00 00 0200000000000000 6578 00 0000000000000000 00 0000000000000000";

    @TempDir
    Path dir;

    private DhtNode node;

    @AfterEach
    void stop()
    {
        if (null != node)
        {
            node.close();
        }
    }

    private NeoRawConnection admin() throws IOException
    {
        if (null == node)
        {
            node = NeoTestSupport.launch(dir);
        }
        return new NeoRawConnection(node.neoPort()).authenticate("admin", ZERO_KEY);
    }

    private static String key(final long key)
    {
        return Hex.toHex(le(key));
    }

    private static void put(
        final NeoRawConnection raw, final long id, final String channel, final long key, final String value)
        throws IOException
    {
        raw.request(id, "02 00 " + array(channel) + " " + key(key) + " " + array(value)).answer(id, "fd")
            .answer(id, "01");
    }

    @Test
    void shouldReproduceWorkedExampleByteForByte() throws IOException
    {
        node = NeoTestSupport.launch(dir, HashRange.FULL, context ->
        {
            context.neo().clockSeconds(() -> 1_700_000_000L)
                .nonceSource(nonce -> System.arraycopy(Hex.parse("deadbeef"), 0, nonce, 0, 4));
            return context;
        });
        try (NeoRawConnection raw = new NeoRawConnection(node.neoPort()))
        {
            raw.send("01").expect("01");
            raw.send("02 0800000000000000 0a 00f1536500000000").expect("02 0400000000000000 06 deadbeef");
            raw.send("02 5200000000000000 50 0a00000000000000 6a617661636c69656e74" +
                " 2fedee5b1cd346335b92ae0253c442a1e3f20c463b9d7d9ec7b9ee19ac05b9c2" +
                " 19f53d4d5f224ad5247431645febd527ffa6eeffe9e095362feeef8336ce64ca")
                .expect("02 0100000000000000 03 01");
            raw.send("012b000000000000002a010000000000000002000400000000000000746573740a000000000000000500" +
                "00000000000068656c6c6f");
            raw.expect("01 0900000000000000 08 0100000000000000 fd");
            raw.expect("01 0900000000000000 08 0100000000000000 01");
        }
    }

    @Test
    void shouldPutAndGetAsInTheCapturedExamples() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            raw.send("01 2500000000000000 24 0100000000000000 02 00 0200000000000000 6578 0100000000000000" +
                " 0100000000000000 76");
            raw.expect("01 0900000000000000 08 0100000000000000 fd");
            raw.expect("01 0900000000000000 08 0100000000000000 01");
            put(raw, 2, "ex", 2, "w");
            raw.request(8, "03 00 " + array("ex") + " " + key(2));
            raw.expect("01 0900000000000000 08 0800000000000000 fd");
            raw.expect("01 0900000000000000 08 0800000000000000 02");
            raw.expect("01 1100000000000000 10 0800000000000000 0100000000000000 77");
            raw.request(9, "03 00 " + array("ex") + " " + key(3)).answer(9, "fd").answer(9, "01");
        }
    }

    @Test
    void shouldAnswerExistsAndRemove() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            put(raw, 1, "ex", 1, "v");
            raw.request(2, "07 00 " + array("ex") + " " + key(1)).answer(2, "fd").answer(2, "01");
            raw.request(3, "07 00 " + array("ex") + " " + key(2)).answer(3, "fd").answer(3, "02");
            raw.request(4, "08 00 " + array("ex") + " " + key(1)).answer(4, "fd").answer(4, "02");
            raw.request(5, "08 00 " + array("ex") + " " + key(1)).answer(5, "fd").answer(5, "01");
            raw.request(6, "07 00 " + array("ex") + " " + key(1)).answer(6, "fd").answer(6, "02");
            raw.request(7, "08 00 " + array("ex") + " " + key(1) + " 00").answer(7, "fd").expectEof();
        }
    }

    @Test
    void shouldCloseTheConnectionForArgumentsCutShort() throws IOException
    {
        final String channel = array("ex");
        for (final String arguments : List.of(
            "02 00 " + channel,
            "02 00 " + channel + " " + key(1),
            "03 00 0500000000000000 6578",
            "0a 00",
            "0a 00 01 " + channel,
            "05 00 00 " + channel + " 00",
            "04 00 00 " + channel + " 00 0100",
            "09 00"))
        {
            try (NeoRawConnection raw = admin())
            {
                raw.request(1, arguments).answer(1, "fd").expectEof();
            }
        }
    }

    @Test
    void shouldAnswerWrongNodeForKeysOutsideTheRange() throws IOException
    {
        node = NeoTestSupport.launch(dir, new HashRange(0, 0x7fffffffffffffffL), UnaryOperator.identity());
        try (NeoRawConnection raw = new NeoRawConnection(node.neoPort()).authenticate("admin", ZERO_KEY))
        {
            raw.request(1, "01 00").answer(1, "fd").answer(1, "0000000000000000 ffffffffffffff7f");
            raw.request(2, "02 00 " + array("ex") + " " + key(1) + " " + array("v")).answer(2, "fd").answer(2, "02");
            raw.request(3, "03 00 " + array("ex") + " " + key(1)).answer(3, "fd").answer(3, "03");
            raw.request(4, "07 00 " + array("ex") + " " + key(1)).answer(4, "fd").answer(4, "03");
            raw.request(5, "08 00 " + array("ex") + " " + key(1)).answer(5, "fd").answer(5, "03");
            raw.request(6, "0a 00 01 " + array("ex") + " " + key(1)).answer(6, "fd").answer(6, "09");
            raw.request(7, "0a 00 03 " + array("ex") + " " + key(1)).answer(7, "fd").answer(7, "09");
        }
    }

    @Test
    void shouldRefuseEmptyValuesAndBadChannelNamesWithoutCreatingChannels() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            raw.request(1, "02 00 " + array("ex") + " " + key(1) + " " + array("")).answer(1, "fd").answer(1, "03");
            raw.request(2, "02 00 " + array("bad name") + " " + key(1) + " " + array("v")).answer(2, "fd")
                .answer(2, "03");
            raw.request(3, "02 00 " + array("") + " " + key(1) + " " + array("v")).answer(3, "fd").answer(3, "03");
            raw.request(4, "03 00 " + array("bad/name") + " " + key(1)).answer(4, "fd").answer(4, "04");
            raw.request(5, "07 00 " + array("bad name") + " " + key(1)).answer(5, "fd").answer(5, "04");
            raw.request(6, "08 00 " + array("bad name") + " " + key(1)).answer(6, "fd").answer(6, "04");
            raw.request(7, "03 00 " + array("missing") + " " + key(1)).answer(7, "fd").answer(7, "01");
            raw.request(8, "07 00 " + array("missing") + " " + key(1)).answer(8, "fd").answer(8, "02");
            raw.request(9, "08 00 " + array("missing") + " " + key(1)).answer(9, "fd").answer(9, "01");
            raw.request(10, GET_ALL_EX.replace("6578", "6d6d").replace("0200000000000000 6d6d", array("missing")))
                .answer(10, "fd").answer(10, "05").answer(10, "07 0b00000000000000 0000000000000000 110000")
                .answer(10, "08").request(10, "04");
            raw.request(11, "0a 00 01 " + array("bad name") + " " + key(1)).answer(11, "fd").answer(11, "0a");
            raw.request(12, "06 00").answer(12, "fd").answer(12, "03");
            raw.request(13, "02 00 " + array("ex") + " " + key(1) + " " +
                array("x".repeat(DhtNeoRequest.MAX_RECORD_SIZE + 1))).answer(13, "fd").answer(13, "03");
            raw.request(14, "06 00").answer(14, "fd").answer(14, "03");
        }
    }

    @Test
    void shouldListChannels() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            put(raw, 1, "ex", 1, "v");
            raw.request(10, "06 00").answer(10, "fd").answer(10, "02 0200000000000000 6578").answer(10, "03");
        }
    }

    @Test
    void shouldRemoveChannelOnlyForAdmin() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            put(raw, 1, "ex", 1, "v");
            try (NeoRawConnection other = new NeoRawConnection(node.neoPort()).authenticate("test", ZERO_KEY))
            {
                other.request(1, "09 00 " + array("ex")).answer(1, "fd").answer(1, "02");
            }
            raw.request(2, "09 00 " + array("bad name")).answer(2, "fd").answer(2, "03");
            raw.request(3, "09 00 " + array("ex")).answer(3, "fd").answer(3, "01");
            raw.request(4, "09 00 " + array("ex")).answer(4, "fd").answer(4, "01");
            raw.request(5, "06 00").answer(5, "fd").answer(5, "03");
        }
    }

    @Test
    void shouldGetAllAsInTheCapturedExamples() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            put(raw, 1, "ex", 1, "v");
            raw.send("01 2700000000000000 26 0200000000000000 05 00 00 0200000000000000 6578 00 0000000000000000" +
                " 00 0000000000000000");
            raw.expect("01 0900000000000000 08 0200000000000000 fd");
            raw.expect("01 0900000000000000 08 0200000000000000 05");
            raw.batch(2, DhtNeoRequest.GET_ALL_RECORD_BATCH,
                "0800000000000000 0100000000000000 0100000000000000 76");
            raw.expect("01 0900000000000000 08 0200000000000000 08");
            raw.send("01 0900000000000000 08 0200000000000000 04");
            raw.request(3, GET_ALL_EX.replace("00 0000000000000000 00 0000000000000000",
                "00 0000000000000000 01 0000000000000000")).answer(3, "fd").answer(3, "05")
                .batch(3, DhtNeoRequest.GET_ALL_RECORD_BATCH, "0800000000000000 0100000000000000")
                .answer(3, "08").request(3, "04");
            raw.request(4, "06 00").answer(4, "fd").answer(4, "02 0200000000000000 6578").answer(4, "03");
        }
    }

    @Test
    void shouldContinueGetAllStrictlyAfterTheLastKey() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            for (long key = 1; key <= 10; key++)
            {
                put(raw, key, "ct", key, "v" + key);
            }
            raw.request(20, "08 00 " + array("ct") + " " + key(5)).answer(20, "fd").answer(20, "02");
            final java.util.List<Long> keys = new java.util.ArrayList<>();
            raw.request(21, "05 00 00 " + array("ct") + " 01 " + key(5) + " 01 0000000000000000")
                .answer(21, "fd").answer(21, "05");
            final byte[] batch = raw.readAnswer(21);
            assertEquals(DhtNeoRequest.GET_ALL_RECORD_BATCH, batch[0]);
            org.swarmjvm.protocol.neo.dht.NeoRecordBatchReader.read(new org.agrona.concurrent.UnsafeBuffer(batch), 1,
                true, true, (key, value) -> keys.add(key));
            raw.answer(21, "08").request(21, "04");
            assertEquals(java.util.List.of(6L, 7L, 8L, 9L, 10L), keys);
        }
    }

    @Test
    void shouldFilterValuesAndHonourSuspendResumeStop() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            put(raw, 1, "fl", 1, "abc");
            put(raw, 2, "fl", 2, "xbz");
            raw.request(3, "05 00 01 " + array("fl") + " 00 0000000000000000 01 " + array("b"))
                .answer(3, "fd").answer(3, "05");
            raw.request(3, "01").answer(3, "04");
            raw.request(3, "02").answer(3, "04");
            final byte[] batch = raw.readAnswer(3);
            assertEquals(DhtNeoRequest.GET_ALL_RECORD_BATCH, batch[0]);
            raw.answer(3, "08");
            raw.request(3, "03");
            raw.request(3, "04");
            raw.request(4, "05 00 01 " + array("fl") + " 00 0000000000000000 00 " + array("zz"))
                .answer(4, "fd").answer(4, "05");
            raw.request(4, "03").answer(4, "04");
            raw.request(5, "05 00 00 " + array("fl") + " 00 0000000000000000 00 " + array("c"))
                .answer(5, "fd").answer(5, "05")
                .batch(5, DhtNeoRequest.GET_ALL_RECORD_BATCH,
                    "0800000000000000 0100000000000000 0300000000000000 616263").answer(5, "08").request(5, "04");
            raw.request(6, "05 00 00 " + array("fl") + " 00 0000000000000000 00 0000000000000000").answer(6, "fd")
                .answer(6, "05");
            raw.readAnswer(6);
            raw.answer(6, "08").request(6, "04");
            raw.request(7, "06 00").answer(7, "fd").answer(7, "02 0200000000000000 666c").answer(7, "03");
        }
    }

    @Test
    void shouldUpdateAsInTheCapturedExample() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            put(raw, 1, "up", 7, "hello");
            raw.request(2, "0a 00 01 " + array("up") + " " + key(7)).answer(2, "fd")
                .answer(2, "05 0500000000000000 68656c6c6f");
            raw.request(2, "02 " + key(0xa430d84680aabd0bL) + " " + array("hello world")).answer(2, "06");
            raw.request(3, "03 00 " + array("up") + " " + key(7)).answer(3, "fd").answer(3, "02")
                .answer(3, "0b00000000000000 68656c6c6f20776f726c64");
            raw.request(4, "0a 00 01 " + array("up") + " " + key(7)).answer(4, "fd")
                .answer(4, "05 0b00000000000000 68656c6c6f20776f726c64");
            raw.request(4, "02 " + key(0xa430d84680aabd0bL) + " " + array("stale")).answer(4, "08");
            raw.request(5, "0a 00 01 " + array("up") + " " + key(7)).answer(5, "fd");
            raw.readAnswer(5);
            raw.request(5, "04").answer(5, "06");
            raw.request(6, "0a 00 01 " + array("up") + " " + key(8)).answer(6, "fd").answer(6, "07");
            raw.request(7, "0a 00 02 " + array("up") + " " + key(8) + " " + key(0) + " " + array("new"))
                .answer(7, "fd").answer(7, "06");
            raw.request(8, "0a 00 02 " + array("up") + " " + key(8) + " " + key(1) + " " + array("newer"))
                .answer(8, "fd").answer(8, "08");
            raw.request(9, "0a 00 01 " + array("up") + " " + key(8)).answer(9, "fd");
            raw.readAnswer(9);
            raw.request(9, "03").answer(9, "06");
            raw.request(10, "07 00 " + array("up") + " " + key(8)).answer(10, "fd").answer(10, "02");
            raw.request(11, "0a 00 04 " + array("up") + " " + key(8)).answer(11, "fd").expectEof();
        }
    }

    @Test
    void shouldMirrorAsInTheCapturedExample() throws IOException
    {
        try (NeoRawConnection raw = admin();
            NeoRawConnection writer = new NeoRawConnection(node.neoPort()).authenticate("admin", ZERO_KEY))
        {
            put(writer, 1, "ex", 1, "v");
            raw.send("01 1a00000000000000 1b 0500000000000000 04 00 00 0200000000000000 6578 01 00000000");
            raw.answer(5, "fd").answer(5, "05");
            raw.batch(5, DhtNeoRequest.MIRROR_REFRESH_BATCH, "0100000000000000 0100000000000000 76");
            writer.request(2, "08 00 " + array("ex") + " " + key(1)).answer(2, "fd").answer(2, "02");
            raw.expect("01 1100000000000000 10 0500000000000000 08 0100000000000000");
            put(writer, 3, "ex", 2, "w");
            raw.expect("01 1a00000000000000 1b 0500000000000000 07 0200000000000000 0100000000000000 77");
            raw.request(5, "01").answer(5, "04");
            put(writer, 4, "ex", 3, "x");
            raw.request(5, "02").answer(5, "04");
            raw.answer(5, "07 0300000000000000 0100000000000000 78");
            raw.send("01 0900000000000000 08 0500000000000000 03").expect("01 0900000000000000 08 0500000000000000 04");
            raw.send("01 1a00000000000000 1b 0d00000000000000 04 00 00 0200000000000000 6578 00 00000000");
            raw.answer(13, "fd").answer(13, "05");
            writer.request(5, "09 00 " + array("ex")).answer(5, "fd").answer(5, "01");
            raw.expect("01 0900000000000000 08 0d00000000000000 0a");
            raw.send("01 0900000000000000 08 0d00000000000000 04");
            raw.request(14, "06 00").answer(14, "fd").answer(14, "03");
        }
    }

    @Test
    void shouldDecodeTheCapturedLiblzoBatches()
    {
        final java.util.Map<Long, String> records = new java.util.TreeMap<>();
        org.swarmjvm.protocol.neo.dht.NeoRecordBatchReader.read(new org.agrona.concurrent.UnsafeBuffer(Hex.parse(
            "2500000000000000 1900000000000000 2a08000000000000000100000000000000010000000000000076110000")), 0,
            true, false, (key, value) -> records.put(key, new String(value, StandardCharsets.US_ASCII)));
        org.swarmjvm.protocol.neo.dht.NeoRecordBatchReader.read(new org.agrona.concurrent.UnsafeBuffer(Hex.parse(
            "1d00000000000000 1100000000000000 220100000000000000010000000000000076110000")), 0,
            false, false, (key, value) -> records.put(key + 1, new String(value, StandardCharsets.US_ASCII)));
        assertEquals(java.util.Map.of(1L, "v", 2L, "v"), records);
    }

    @Test
    void shouldAnnounceRangeChangeThenNewNodesAfterRedistribute() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            raw.request(1, "01 00").answer(1, "fd").answer(1, "0000000000000000 ffffffffffffffff");
            final ExpandableArrayBuffer request = new ExpandableArrayBuffer();
            final int length = new DhtRequestEncoder(new WireWriter().wrap(request, 0))
                .redistribute(new HashRange(0, 0x3fffffffffffffffL), List.of(
                    new Target("127.0.0.1", 10000, new HashRange(0x8000000000000000L, -1L)),
                    new Target("10.1.2.254", 65000, new HashRange(0x4000000000000000L, 0x7fffffffffffffffL)),
                    new Target("localhost", 10000, new HashRange(0x4000000000000000L, 0x4000000000000000L))))
                .position();
            try (Socket legacy = new Socket("127.0.0.1", node.port()))
            {
                legacy.setSoTimeout(60_000);
                legacy.getOutputStream().write(request.byteArray(), 0, length);
                assertEquals("c8000000", Hex.toHex(legacy.getInputStream().readNBytes(4)).replace(" ", ""));
            }
            // Spec 7.2: address and neo port (legacy port + 100) big-endian, the range little-endian; a target that
            // is not a dotted IPv4 address cannot be announced in four bytes and is left out.
            raw.answer(1, "02 0000000000000000 ffffffffffffff3f");
            raw.answer(1, "01 7f000001 2774 0000000000000080 ffffffffffffffff");
            raw.answer(1, "01 0a0102fe fe4c 0000000000000040 ffffffffffffff7f");
        }
    }

    @Test
    void shouldParseOnlyDottedIpv4AddressesForNewNode()
    {
        assertEquals(0x7f000001L, GetHashRangeHandler.ipv4("127.0.0.1"));
        assertEquals(0xffffffffL, GetHashRangeHandler.ipv4("255.255.255.255"));
        assertEquals(-1L, GetHashRangeHandler.ipv4("256.0.0.1"));
        assertEquals(-1L, GetHashRangeHandler.ipv4("1.2.3"));
        assertEquals(-1L, GetHashRangeHandler.ipv4("1.2.3.4.5"));
        assertEquals(-1L, GetHashRangeHandler.ipv4("1..3.4"));
        assertEquals(-1L, GetHashRangeHandler.ipv4("localhost"));
        assertEquals(-1L, GetHashRangeHandler.ipv4(""));
    }

    @Test
    void shouldAnswerHashRange() throws IOException
    {
        try (NeoRawConnection raw = admin())
        {
            raw.request(1, "01 00 ffff").answer(1, "fd").answer(1, "0000000000000000 ffffffffffffffff");
        }
    }
}
