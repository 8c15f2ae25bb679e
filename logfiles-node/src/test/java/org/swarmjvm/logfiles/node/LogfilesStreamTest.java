package org.swarmjvm.logfiles.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Long record streams, whose batches the worker fills ahead of the connection: every record arrives once and in
 * order whether the client keeps up or stops reading for a while, and a client leaving mid-stream leaves the
 * worker free for the next one.
 */
@Timeout(60)
class LogfilesStreamTest
{
    private static final String CHANNEL = "long_stream";
    private static final long FIRST_KEY = 0x5f000000L;
    private static final int RECORDS = 800;
    private static final int VALUE_LENGTH = 8 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void everyRecordOfAStreamOfManyBatchesArrivesOnceInOrder() throws IOException
    {
        try (LogfilesNode node = launchFilled(); LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
        {
            final RecordCheck check = new RecordCheck(-1);
            assertEquals(SwarmStatus.OK, client.getAll(CHANNEL, check));
            assertEquals(RECORDS, check.seen);
            final RecordCheck range = new RecordCheck(-1);
            assertEquals(SwarmStatus.OK, client.getRange(CHANNEL, FIRST_KEY, FIRST_KEY + RECORDS - 1, range));
            assertEquals(RECORDS, range.seen);
        }
    }

    @Test
    void aClientThatStopsReadingForAWhileGetsTheRestOfTheStream() throws IOException
    {
        try (LogfilesNode node = launchFilled(); LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
        {
            // The pause fills the socket and both batch slots, so the worker stops and the connection restarts it.
            final RecordCheck check = new RecordCheck(10);
            assertEquals(SwarmStatus.OK, client.getAll(CHANNEL, check));
            assertEquals(RECORDS, check.seen);
        }
    }

    @Test
    void aClientLeavingMidStreamLeavesTheWorkerToTheNextClient() throws IOException
    {
        try (LogfilesNode node = launchFilled())
        {
            for (int round = 0; round < 3; round++)
            {
                try (LogfilesClient leaving = new LogfilesClient(TestNodes.address(node)))
                {
                    assertThrows(IllegalStateException.class, () -> leaving.getAll(CHANNEL, (key, buffer, offset,
                        length) ->
                    {
                        throw new IllegalStateException("client gone");
                    }));
                }
            }
            try (LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
            {
                final RecordCheck check = new RecordCheck(-1);
                assertEquals(SwarmStatus.OK, client.getAll(CHANNEL, check));
                assertEquals(RECORDS, check.seen);
            }
        }
    }

    @Test
    void pipelinedStreamsAnswerEachRequestWithItsOwnRecords() throws IOException
    {
        // One record: each stream is one batch, whose run may still be ending when the connection, which has
        // the next request already, takes the stream's task for that request.
        final int requests = 3000;
        final byte[] value = "one record".getBytes(StandardCharsets.US_ASCII);
        try (LogfilesNode node = TestNodes.launch(dataDir, context -> context.readBufferSize(64 * 1024)))
        {
            node.storage().append(CHANNEL, FIRST_KEY, new UnsafeBuffer(value), 0, value.length);
            final byte[] channel = CHANNEL.getBytes(StandardCharsets.US_ASCII);
            final ByteBuffer pipelined = ByteBuffer.allocate(requests * (Integer.BYTES + Long.BYTES + channel.length))
                .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < requests; i++)
            {
                pipelined.putInt(LogfilesCommand.GET_ALL.code()).putLong(channel.length).put(channel);
            }
            try (Socket socket = new Socket("127.0.0.1", node.port()))
            {
                socket.getOutputStream().write(pipelined.array());
                final DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                final RecordBatchReader reader = new RecordBatchReader();
                for (int i = 0; i < requests; i++)
                {
                    assertEquals(SwarmStatus.OK.code(), Integer.reverseBytes(in.readInt()), "status of " + i);
                    int records = 0;
                    for (long length = Long.reverseBytes(in.readLong()); 0 != length;
                        length = Long.reverseBytes(in.readLong()))
                    {
                        final byte[] batch = new byte[(int)length];
                        in.readFully(batch);
                        reader.wrap(new UnsafeBuffer(batch), 0, batch.length);
                        while (reader.nextRecord())
                        {
                            records++;
                        }
                    }
                    assertEquals(1, records, "records of stream " + i);
                }
            }
        }
    }

    private LogfilesNode launchFilled() throws IOException
    {
        final LogfilesNode node = TestNodes.launch(dataDir, context -> context.readBufferSize(64 * 1024));
        final UnsafeBuffer value = new UnsafeBuffer(new byte[VALUE_LENGTH]);
        for (int i = 0; i < RECORDS; i++)
        {
            fillValue(value, i);
            node.storage().append(CHANNEL, FIRST_KEY + i, value, 0, VALUE_LENGTH);
        }
        return node;
    }

    private static void fillValue(final UnsafeBuffer value, final int index)
    {
        for (int j = 0; j < VALUE_LENGTH; j += Integer.BYTES)
        {
            value.putInt(j, index * 31 + j);
        }
    }

    /**
     * Checks that record i has key {@code FIRST_KEY + i} and value i, optionally stopping for a moment at one.
     */
    private static final class RecordCheck implements LogfilesClient.RecordHandler
    {
        private final int pauseAt;
        private final UnsafeBuffer expected = new UnsafeBuffer(new byte[VALUE_LENGTH]);
        private int seen;

        RecordCheck(final int pauseAt)
        {
            this.pauseAt = pauseAt;
        }

        @Override
        public void onRecord(final long key, final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            assertEquals(FIRST_KEY + seen, key, "record " + seen);
            assertEquals(VALUE_LENGTH, length, "record " + seen);
            fillValue(expected, seen);
            assertEquals(0, expected.compareTo(new UnsafeBuffer(buffer, offset, length)), "value of record " + seen);
            if (seen == pauseAt)
            {
                LockSupport.parkNanos(300_000_000L);
            }
            seen++;
        }
    }
}
