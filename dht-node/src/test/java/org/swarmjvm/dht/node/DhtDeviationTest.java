package org.swarmjvm.dht.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.codec.HexKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.dht.node.DhtFrames.assertPut;
import static org.swarmjvm.dht.node.DhtFrames.assertServes;
import static org.swarmjvm.dht.node.DhtFrames.assertStatus;
import static org.swarmjvm.dht.node.DhtFrames.channelOnly;
import static org.swarmjvm.dht.node.DhtFrames.get;
import static org.swarmjvm.dht.node.DhtFrames.getAllFilter;
import static org.swarmjvm.dht.node.DhtFrames.put;

/**
 * Where this node deliberately answers differently from the captures of the original (fixtures/wire/dht), each
 * with the capture it departs from and the reason. {@link DhtWireReplayTest} skips these captures.
 */
@Timeout(60)
class DhtDeviationTest
{
    @TempDir
    Path dataDir;

    /**
     * Listen with an invalid channel name answers BadChannelName (409) and the connection goes on serving.
     * <p>
     * Capture {@code listen-bad-channel-name.txt}: the original wrote 409 into its buffer, then crashed with
     * SIGSEGV before flushing it (its {@code ListenRequest.finalizeRequest} used a storage channel that was never
     * set), so the client saw EOF and every client lost the node, without a dump. Spec §3.14 lists 409 for Listen.
     */
    @Test
    void shouldAnswerBadChannelNameWhenListenChannelIsInvalid()
    {
        try (LogCapture log = new LogCapture(); DhtNode node = TestNodes.launchNodeA(dataDir);
            RawConnection other = new RawConnection(TestNodes.address(node));
            RawConnection client = new RawConnection(TestNodes.address(node)))
        {
            assertPut(other, "kept", 0x2, "stored before");

            client.send(channelOnly(DhtCommand.LISTEN, "bad name"));
            assertStatus(client, SwarmStatus.BAD_CHANNEL_NAME);
            assertServes(client);

            assertEquals("stored before", get(other, "kept", 0x2));
            assertTrue(node.storage().channels().stream().noneMatch(c -> c.name().equals("bad name")));
            assertEquals(1, log.messagesAtLeast(Level.WARNING).size(), log::toString);
            assertEquals(1, log.count(Level.WARNING, "Listen answered 409 BAD_CHANNEL_NAME"), log::toString);
        }
    }

    /**
     * GetAllFilter with an empty filter streams every record of the channel, like GetAll.
     * <p>
     * Capture {@code getallfilter-empty-filter.txt}: the original matched 0 of 3000 records once, but its matcher
     * read the first byte of the empty pattern out of bounds, so its result is undefined (spec §3.13,
     * UNDETERMINED). The spec suggests match-all: the empty string is a substring of every value, and the D
     * client itself turns {@code filter("")} into GetAll.
     */
    @Test
    void shouldReturnEveryRecordWhenGetAllFilterHasAnEmptyFilter()
    {
        try (DhtNode node = TestNodes.launchNodeA(dataDir);
            RawConnection client = new RawConnection(TestNodes.address(node)))
        {
            DhtWireReplayTest.fillBulkChannel(node);

            client.send(getAllFilter("fx_bulk", ""));
            final Map<String, String> filtered = readBatches(client);
            client.send(channelOnly(DhtCommand.GET_ALL, "fx_bulk"));
            final Map<String, String> all = readBatches(client);

            assertEquals(3000, filtered.size());
            assertEquals(all, filtered);
            assertEquals("record-00007.......", filtered.get(HexKey.toString(14)));
        }
    }

    /**
     * Channel names longer than {@link DhtConst#MAX_CHANNEL_NAME_LENGTH} (236) bytes get BadChannelName (409);
     * 236 bytes are accepted, dumped at shutdown and loaded again at start.
     * <p>
     * Capture {@code put-channel-name-long.txt}: the original accepted names of 255 and 1000 bytes (no limit but
     * the 10 MiB array limit, spec §2.4). It dumps a channel to {@code <name>.tcm.XXXXXX.dumping} and renames that
     * to {@code <name>.tcm}; Linux file names stop at 255 bytes, so such a channel could never be dumped and its
     * records were lost at the next restart. 236 = 255 - {@code ".tcm.XXXXXX.dumping".length()}.
     */
    @Test
    void shouldAnswerBadChannelNameWhenChannelNameIsLongerThan236Bytes()
    {
        assertEquals(236, DhtConst.MAX_CHANNEL_NAME_LENGTH);
        final String longest = "M".repeat(DhtConst.MAX_CHANNEL_NAME_LENGTH);
        try (DhtNode node = TestNodes.launchNodeA(dataDir);
            RawConnection client = new RawConnection(TestNodes.address(node)))
        {
            for (final int length : new int[]{237, 255, 1000})
            {
                client.send(put("L".repeat(length), 0xa, "v"));
                assertStatus(client, SwarmStatus.BAD_CHANNEL_NAME);
            }
            assertPut(client, longest, 0xa, "v");
            assertEquals(List.of(longest), channelNames(node));
        }
        assertTrue(Files.isRegularFile(dataDir.resolve(longest + ".tcm")), "the longest name is dumped");
        try (DhtNode restarted = TestNodes.launchNodeA(dataDir);
            RawConnection client = new RawConnection(TestNodes.address(restarted)))
        {
            assertEquals("v", get(client, longest, 0xa), "and loaded again");
        }
    }

    private static List<String> channelNames(final DhtNode node)
    {
        return node.storage().channels().stream().map(DhtChannel::name).collect(Collectors.toList());
    }

    private static Map<String, String> readBatches(final RawConnection client)
    {
        assertStatus(client, SwarmStatus.OK);
        final Map<String, String> records = new HashMap<>();
        final RecordBatchReader reader = new RecordBatchReader();
        byte[] batch;
        while ((batch = client.readArray()).length > 0)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(batch);
            reader.wrap(buffer, 0, batch.length);
            while (reader.nextRecord())
            {
                records.put(reader.buffer().getStringWithoutLengthAscii(reader.keyOffset(), reader.keyLength()),
                    reader.buffer().getStringWithoutLengthAscii(reader.valueOffset(), reader.valueLength()));
            }
        }
        return records;
    }
}
