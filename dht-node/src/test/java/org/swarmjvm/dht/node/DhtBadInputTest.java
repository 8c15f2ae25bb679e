package org.swarmjvm.dht.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.codec.HexKey;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.node.DhtFrames.ascii;
import static org.swarmjvm.dht.node.DhtFrames.assertPut;
import static org.swarmjvm.dht.node.DhtFrames.assertServes;
import static org.swarmjvm.dht.node.DhtFrames.assertStatus;
import static org.swarmjvm.dht.node.DhtFrames.compress;
import static org.swarmjvm.dht.node.DhtFrames.entries;
import static org.swarmjvm.dht.node.DhtFrames.get;
import static org.swarmjvm.dht.node.DhtFrames.keyed;
import static org.swarmjvm.dht.node.DhtFrames.numConnections;
import static org.swarmjvm.dht.node.DhtFrames.put;
import static org.swarmjvm.dht.node.DhtFrames.putBatch;

/**
 * Malformed and refused requests against a running DHT node, through real sockets (spec §1.5, §3, §5). Each test
 * sends one kind of bad input and checks the answer the spec gives (a status, or a closed connection with nothing
 * sent) and a WARNING naming the problem (for a status: once per connection and status). After every test,
 * {@link #checkNodeUnharmed()} checks the node did not suffer: a connection opened before the bad input still
 * reads the record stored before it, a new client is served, and nothing was logged at ERROR.
 */
@Timeout(60)
class DhtBadInputTest
{
    /** Far below forever, which is how long the bytes of a 2^63-byte array would take. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final String KEPT_CHANNEL = "kept";
    /** In the node's half range: even keys are. */
    private static final long KEPT_KEY = 0x2;
    private static final String KEPT_VALUE = "stored before";
    /** Outside the node's half range (bit-reversed, its top bit is set). */
    private static final long FOREIGN_KEY = 0x1;
    private static final int MAX_VALUE_LENGTH = DhtConst.maxValueLength(TestNodes.FIXTURE_BATCH_SIZE);

    @TempDir
    static Path dataDir;

    private static DhtNode node;
    private static InetSocketAddress address;

    private LogCapture log;
    private RawConnection bystander;

    @BeforeAll
    static void startNode()
    {
        node = TestNodes.launchNodeA(dataDir);
        address = TestNodes.address(node);
        try (RawConnection client = new RawConnection(address))
        {
            assertPut(client, KEPT_CHANNEL, KEPT_KEY, KEPT_VALUE);
        }
    }

    @AfterAll
    static void stopNode()
    {
        node.close();
    }

    @BeforeEach
    void openBystander()
    {
        log = new LogCapture();
        bystander = new RawConnection(address);
        assertServes(bystander);
    }

    @AfterEach
    void checkNodeUnharmed()
    {
        try
        {
            assertEquals(KEPT_VALUE, get(bystander, KEPT_CHANNEL, KEPT_KEY), "a connection opened before");
            try (RawConnection next = new RawConnection(address))
            {
                assertEquals(KEPT_VALUE, get(next, KEPT_CHANNEL, KEPT_KEY), "a new client");
                Await.until("only the test's connections are left", () -> numConnections(next) == 2);
            }
            assertEquals(List.of(), log.messagesAtLeast(Level.SEVERE), "nothing logged at ERROR");
        }
        finally
        {
            bystander.close();
            log.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 21, 26, 32, 35, 0x101, -1})
    void shouldCloseWithNothingSentWhenCommandCodeIsUnknown(final int code)
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(new Frame().i32(code).array(KEPT_CHANNEL).array(HexKey.toString(KEPT_KEY)));
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY));
        }
        log.awaitRecord(Level.WARNING, "unknown command code " + code);
    }

    @Test
    void shouldServeNextClientWhenPutIsCutInHalf()
    {
        final byte[] request = put("cut", 0x4, "half of this never arrives").bytes();
        try (RawConnection client = new RawConnection(address))
        {
            client.send(Arrays.copyOf(request, request.length / 2));
            Await.until("the node has both connections", () -> numConnections(bystander) == 2);
        }
        Await.until("the node frees the slot", () -> numConnections(bystander) == 1);
        log.awaitRecord(Level.WARNING, "before request Put was fully received");
        assertEquals("", get(bystander, "cut", 0x4), "nothing of the cut Put is stored");
    }

    /**
     * 2^63 and 2^64-1 as sent (negative as a Java long), and lengths far over what the node would read through to
     * discard (over 64 MiB): the connection closes without waiting for the bytes.
     */
    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -1L, Long.MAX_VALUE, 1L << 30})
    void shouldCloseAtOnceWhenChannelLengthIsAbsurd(final long declared)
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(new Frame().i32(DhtCommand.PUT.code()).u64(declared).raw(ascii("chan")));
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY), "closed without waiting for the bytes");
        }
        log.awaitRecord(Level.WARNING, "Put declares an array of " + Long.toUnsignedString(declared) + " bytes");
    }

    @Test
    void shouldDiscardThenCloseWhenChannelIsOverTheArrayLimit()
    {
        final int length = ArrayPrefix.MAX_ARRAY_LENGTH + 1;
        final byte[] name = new byte[length];
        Arrays.fill(name, (byte)'a');
        try (RawConnection client = new RawConnection(address))
        {
            client.send(new Frame().i32(DhtCommand.PUT.code()).u64(length).raw(Arrays.copyOf(name, length - 1)));
            assertTrue(client.staysOpenAndSilent(Duration.ofMillis(200)), "the node reads the whole array first");
            client.send(new byte[]{'a'});
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY));
        }
        log.awaitRecord(Level.WARNING, "over the limit of " + ArrayPrefix.MAX_ARRAY_LENGTH);
    }

    static Stream<Arguments> nonHexKeysOfKeyParsingCommands()
    {
        final List<String> keys = List.of("000000000000000g", "00000000000000a", "00000000000000000a", "",
            "0x0000000000000a", "-000000000000001");
        return Stream.of(DhtCommand.PUT, DhtCommand.REMOVE, DhtCommand.PUT_BATCH)
            .flatMap(command -> keys.stream().map(key -> Arguments.of(command, key)));
    }

    @ParameterizedTest
    @MethodSource("nonHexKeysOfKeyParsingCommands")
    void shouldCloseWhenKeyIsNotHex(final DhtCommand command, final String key)
    {
        final Frame request;
        switch (command)
        {
            case PUT:
                request = put(KEPT_CHANNEL, key, ascii("v"));
                break;
            case REMOVE:
                request = keyed(DhtCommand.REMOVE, "no_such_channel", key);
                break;
            default:
                request = putBatch("batch_hex", compress(entries().array(key).array("v").bytes()));
        }
        try (RawConnection client = new RawConnection(address))
        {
            client.send(request);
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY));
        }
        log.awaitRecord(Level.WARNING, "key of " + key.length() + " bytes is not 16 hex digits");
    }

    @ParameterizedTest
    @EnumSource(value = DhtCommand.class, names = {"GET", "EXISTS"})
    void shouldAnswerNotFoundWhenKeyIsNotHexAndChannelIsMissing(final DhtCommand command)
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(keyed(command, "no_such_channel", "not a hex key"));
            assertStatus(client, SwarmStatus.OK);
            if (DhtCommand.GET == command)
            {
                assertEquals(0, client.readArray().length);
            }
            else
            {
                assertEquals(0, client.readU8());
            }
            assertServes(client);
        }
        assertTrue(node.storage().channels().stream().noneMatch(c -> c.name().equals("no_such_channel")));
    }

    @ParameterizedTest
    @EnumSource(value = DhtCommand.class, names = {"GET", "EXISTS"})
    void shouldCloseWhenKeyIsNotHexAndChannelExists(final DhtCommand command)
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(keyed(command, KEPT_CHANNEL, "000000000000000z"));
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY));
        }
        log.awaitRecord(Level.WARNING, "key of 16 bytes is not 16 hex digits");
    }

    static Stream<byte[]> badChannelNames()
    {
        final byte[] tooLong = new byte[DhtConst.MAX_CHANNEL_NAME_LENGTH + 1];
        Arrays.fill(tooLong, (byte)'a');
        final byte[] farTooLong = new byte[1000];
        Arrays.fill(farTooLong, (byte)'b');
        return Stream.of(ascii("bad name"), ascii("bad/name"), ascii("bad.name"), ascii("../etc"), new byte[0],
            "k\u00fchl".getBytes(StandardCharsets.UTF_8), new byte[]{'a', 0, 'b'}, tooLong, farTooLong);
    }

    @ParameterizedTest
    @EnumSource(value = DhtCommand.class, names = {"PUT", "GET", "EXISTS", "REMOVE", "GET_CHANNEL_SIZE",
        "REMOVE_CHANNEL", "LISTEN", "GET_ALL", "GET_ALL_KEYS", "GET_ALL_FILTER", "PUT_BATCH"})
    void shouldAnswerBadChannelNameForEveryCommandWithAChannel(final DhtCommand command)
    {
        final Set<String> channelsBefore = channelNames();
        final byte[] batch = compress(entries().array(HexKey.toString(0x4)).array("v").bytes());
        try (RawConnection client = new RawConnection(address))
        {
            for (final byte[] name : badChannelNames().collect(Collectors.toList()))
            {
                final Frame request = new Frame().i32(command.code()).array(name);
                switch (command)
                {
                    case PUT:
                        request.array(HexKey.toString(0x4)).array("v");
                        break;
                    case GET:
                    case EXISTS:
                    case REMOVE:
                        request.array(HexKey.toString(0x4));
                        break;
                    case GET_ALL_FILTER:
                        request.array("v");
                        break;
                    case PUT_BATCH:
                        request.array(batch);
                        break;
                    default:
                        break;
                }
                client.send(request);
                assertStatus(client, SwarmStatus.BAD_CHANNEL_NAME);
            }
            assertServes(client);
        }
        assertEquals(channelsBefore, channelNames(), "no channel created");
        assertEquals(1, log.count(Level.WARNING, command.label() + " answered 409 BAD_CHANNEL_NAME"),
            () -> "one WARNING for " + badChannelNames().count() + " refusals on one connection: " + log);
    }

    @Test
    void shouldAcceptChannelNameOfExactlyTheMaximumLength()
    {
        final String longest = "c".repeat(DhtConst.MAX_CHANNEL_NAME_LENGTH);
        assertPut(bystander, longest, 0x4, "fits");
        assertEquals("fits", get(bystander, longest, 0x4));
    }

    @Test
    void shouldAnswerEmptyValueAndKeepEarlierBatchRecords()
    {
        bystander.send(put("empty", HexKey.toString(0x4), new byte[0]));
        assertStatus(bystander, SwarmStatus.EMPTY_VALUE);
        log.awaitRecord(Level.WARNING, "Put answered 408 EMPTY_VALUE");
        assertEquals("", get(bystander, "empty", 0x4));

        refuse(putBatch("empty_batch", compress(entries()
            .array(HexKey.toString(0x4)).array("first")
            .array(HexKey.toString(0x6)).array("")
            .array(HexKey.toString(0x8)).array("third").bytes())), SwarmStatus.EMPTY_VALUE);
        log.awaitRecord(Level.WARNING, "PutBatch answered 408 EMPTY_VALUE");
        assertEquals("first", get(bystander, "empty_batch", 0x4));
        assertEquals("", get(bystander, "empty_batch", 0x6));
        assertEquals("", get(bystander, "empty_batch", 0x8));
    }

    static Stream<Integer> tooBigValueLengths()
    {
        return Stream.of(MAX_VALUE_LENGTH + 1, 1024 * 1024);
    }

    @ParameterizedTest
    @MethodSource("tooBigValueLengths")
    void shouldAnswerValueTooBigAndStayUsable(final int length)
    {
        final String channel = "big" + length;
        bystander.send(put(channel, HexKey.toString(0x4), new byte[length]));
        assertStatus(bystander, SwarmStatus.VALUE_TOO_BIG);
        log.awaitRecord(Level.WARNING, "Put answered 410 VALUE_TOO_BIG");
        assertEquals("", get(bystander, channel, 0x4));

        final byte[] largest = new byte[MAX_VALUE_LENGTH];
        new Random(length).nextBytes(largest);
        bystander.send(put(channel, HexKey.toString(0x4), largest));
        assertStatus(bystander, SwarmStatus.OK);
        bystander.send(get(channel, 0x4));
        assertStatus(bystander, SwarmStatus.OK);
        assertArrayEquals(largest, bystander.readArray());
    }

    @Test
    void shouldCloseAtOnceWhenValueLengthIsAbsurd()
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(new Frame().i32(DhtCommand.PUT.code()).array("big").array(HexKey.toString(0x4))
                .u64(Long.MIN_VALUE).raw(new byte[16]));
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY));
        }
        log.awaitRecord(Level.WARNING, "Put declares a value of " + Long.toUnsignedString(Long.MIN_VALUE));
    }

    @Test
    void shouldAnswerWrongNodeWhenKeyIsOutOfRangeAndKeepEarlierBatchRecords()
    {
        bystander.send(put("range", FOREIGN_KEY, "v"));
        assertStatus(bystander, SwarmStatus.WRONG_NODE);
        log.awaitRecord(Level.WARNING, "Put answered 404 WRONG_NODE");
        refuse(keyed(DhtCommand.REMOVE, KEPT_CHANNEL, HexKey.toString(FOREIGN_KEY)), SwarmStatus.WRONG_NODE);
        log.awaitRecord(Level.WARNING, "Remove answered 404 WRONG_NODE");

        refuse(putBatch("range_batch", compress(entries()
            .array(HexKey.toString(0x4)).array("mine")
            .array(HexKey.toString(FOREIGN_KEY)).array("not mine")
            .array(HexKey.toString(0x8)).array("mine too").bytes())), SwarmStatus.WRONG_NODE);
        log.awaitRecord(Level.WARNING, "PutBatch answered 404 WRONG_NODE");
        assertEquals("mine", get(bystander, "range_batch", 0x4));
        assertEquals("", get(bystander, "range_batch", FOREIGN_KEY));
        assertEquals("", get(bystander, "range_batch", 0x8));
    }

    @Test
    void shouldServeLocalRecordsOutsideTheRangeToGetAndExists()
    {
        final DhtChannel channel = node.storage().getOrCreateChannel("foreign");
        final byte[] value = ascii("left over from a redistribution");
        channel.put(FOREIGN_KEY, new UnsafeBuffer(value), 0, value.length);

        assertEquals("left over from a redistribution", get(bystander, "foreign", FOREIGN_KEY));
        bystander.send(keyed(DhtCommand.EXISTS, "foreign", HexKey.toString(FOREIGN_KEY)));
        assertStatus(bystander, SwarmStatus.OK);
        assertEquals(1, bystander.readU8());
    }

    static Stream<Arguments> corruptBatches()
    {
        final byte[] valid = compress(entries().array(HexKey.toString(0x4)).array("record 4")
            .array(HexKey.toString(0x6)).array("record 6").bytes());
        final byte[] garbage = new byte[64];
        new Random(42).nextBytes(garbage);
        final byte[] flipped = valid.clone();
        flipped[ArrayPrefix.LENGTH] = (byte)0xff;
        final byte[] noHeader = {1, 2, 3};
        return Stream.of(
            Arguments.of("random bytes", new Frame().u64(80).raw(garbage).bytes()),
            Arguments.of("a corrupt first LZO byte", flipped),
            Arguments.of("an LZO stream cut short", Arrays.copyOf(valid, valid.length - 10)),
            Arguments.of("more uncompressed bytes declared than the stream holds",
                new Frame().u64(81).raw(Arrays.copyOfRange(valid, ArrayPrefix.LENGTH, valid.length)).bytes()),
            Arguments.of("a batch shorter than its length header", noHeader));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptBatches")
    void shouldCloseWhenPutBatchIsCorrupt(final String what, final byte[] batch)
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(putBatch("corrupt", batch));
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY), what);
        }
        log.awaitRecord(Level.WARNING, "record batch");
    }

    @ParameterizedTest
    @ValueSource(longs = {RecordBatchReader.MAX_UNCOMPRESSED_LENGTH + 1L, 1L << 30, 1L << 62, Long.MIN_VALUE, -1L})
    void shouldCloseWithoutAllocatingWhenBatchDeclaresAbsurdLength(final long declared)
    {
        final byte[] valid = compress(entries().array(HexKey.toString(0x4)).array("v").bytes());
        final byte[] batch = new Frame().u64(declared)
            .raw(Arrays.copyOfRange(valid, ArrayPrefix.LENGTH, valid.length)).bytes();
        try (RawConnection client = new RawConnection(address))
        {
            client.send(putBatch("absurd", batch));
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY));
        }
        log.awaitRecord(Level.WARNING, "record batch declares " + Long.toUnsignedString(declared) +
            " uncompressed bytes, over the limit of " + RecordBatchReader.MAX_UNCOMPRESSED_LENGTH);
    }

    static Stream<Arguments> truncatedEntries()
    {
        final Frame first = entries().array(HexKey.toString(0x4)).array("complete");
        return Stream.of(
            Arguments.of("a key cut short", entries().array(HexKey.toString(0x4)).array("complete")
                .u64(16).raw(ascii("00000000")).bytes()),
            Arguments.of("a value cut short", first.u64(16).raw(ascii(HexKey.toString(0x6))).u64(100)
                .raw(ascii("short")).bytes()),
            Arguments.of("a key without its value", entries().array(HexKey.toString(0x6)).bytes()),
            Arguments.of("half a length prefix", entries().raw(new byte[]{16, 0, 0, 0}).bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncatedEntries")
    void shouldCloseWhenBatchEntryIsTruncated(final String what, final byte[] uncompressed)
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(putBatch("truncated", compress(uncompressed)));
            assertTrue(client.isClosedByPeerWithNothingSent(PROMPTLY), what);
        }
        log.awaitRecord(Level.WARNING, "record batch entry");
    }

    /**
     * Sends a request on a connection of its own (the node warns once per connection and status) and checks the
     * status.
     */
    private static void refuse(final Frame request, final SwarmStatus expected)
    {
        try (RawConnection client = new RawConnection(address))
        {
            client.send(request);
            assertStatus(client, expected);
            assertServes(client);
        }
    }

    private static Set<String> channelNames()
    {
        return node.storage().channels().stream().map(DhtChannel::name).collect(Collectors.toSet());
    }
}
