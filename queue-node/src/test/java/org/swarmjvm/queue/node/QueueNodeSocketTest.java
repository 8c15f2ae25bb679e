package org.swarmjvm.queue.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.queue.QueueCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket tests of behaviour the transcripts do not show: FIFO across the disk overflow, bad input of every kind,
 * and consumers that misbehave.
 */
class QueueNodeSocketTest
{
    private static final int OK = 200;
    private static final int BAD_CHANNEL_NAME = 409;
    private static final int ERROR = 500;

    @TempDir
    Path data;

    private QueueNode node;

    @AfterEach
    void close()
    {
        if (null != node)
        {
            node.close();
        }
    }

    private void launch(final long ovfRingBytes)
    {
        node = QueueNode.launch(QueueNodeTranscriptTest.testContext(data).channelSizeById("ovf", ovfRingBytes));
    }

    @Test
    @Timeout(30)
    void shouldPopInPushOrderWhenRecordsSpillToDisk()
    {
        launch(200);
        try (RawConnection c = new RawConnection(node.port()))
        {
            final String value = "=".repeat(46);
            for (int i = 0; i < 5; i++)
            {
                assertEquals(OK, push(c, "ovf_q", "r" + i + value));
            }
            assertEquals("r0" + value, pop(c, "ovf_q"));
            assertEquals(OK, push(c, "ovf_q", "r5" + value));
            for (int i = 1; i <= 5; i++)
            {
                assertEquals("r" + i + value, pop(c, "ovf_q"), "the original returned r5 before r3; we keep FIFO");
            }
            assertEquals("", pop(c, "ovf_q"));
            for (int i = 0; i < 500; i++)
            {
                assertEquals(OK, push(c, "ovf_q", "bulk-" + i + "-" + "#".repeat(i % 70)));
            }
            for (int i = 0; i < 500; i++)
            {
                assertEquals("bulk-" + i + "-" + "#".repeat(i % 70), pop(c, "ovf_q"));
            }
            assertEquals("", pop(c, "ovf_q"));
        }
    }

    @Test
    @Timeout(30)
    void shouldAnswerBadChannelNameAndStayUsableForEveryCommand()
    {
        launch(1000);
        try (RawConnection c = new RawConnection(node.port()))
        {
            for (final String bad : List.of("", "bad name", "a.b", "a@b", "x".repeat(4097)))
            {
                assertEquals(BAD_CHANNEL_NAME, push(c, bad, "v"));
                c.i32(QueueCommand.POP.code()).array(bad).send();
                assertEquals(BAD_CHANNEL_NAME, c.readStatus());
                c.i32(QueueCommand.CONSUME.code()).array(bad).send();
                assertEquals(BAD_CHANNEL_NAME, c.readStatus());
                c.i32(QueueCommand.PRODUCE.code()).array(bad).send();
                assertEquals(BAD_CHANNEL_NAME, c.readStatus());
                if (!bad.isEmpty())
                {
                    // in a channel list an empty name is the terminator, not a bad name
                    c.i32(QueueCommand.PRODUCE_MULTI.code()).array("ok").array(bad).u64(0).send();
                    assertEquals(BAD_CHANNEL_NAME, c.readStatus());
                    c.i32(QueueCommand.PUSH_MULTI.code()).array(bad).u64(0).array("v").send();
                    assertEquals(BAD_CHANNEL_NAME, c.readStatus());
                }
                c.i32(QueueCommand.REMOVE_CHANNEL.code()).array(bad).send();
                assertEquals(BAD_CHANNEL_NAME, c.readStatus());
            }
            c.i32(QueueCommand.POP.code()).array("ok").send();
            assertEquals(ERROR, c.readStatus(), "the refused ProduceMulti created no channel");
            assertEquals(OK, push(c, "ok", "still serving"));
            assertEquals("still serving", pop(c, "ok"));
        }
    }

    @Test
    @Timeout(30)
    void shouldCloseConnectionAtOnceWhenLengthPrefixIsAbsurd()
    {
        launch(1000);
        for (final long length : new long[] {1L << 63, Long.MAX_VALUE, 1L << 40})
        {
            try (RawConnection c = new RawConnection(node.port()))
            {
                c.i32(QueueCommand.PUSH.code()).array("ch").u64(length).send();
                assertTrue(c.isClosedByNode(), "length " + Long.toUnsignedString(length));
            }
            try (RawConnection c = new RawConnection(node.port()))
            {
                c.i32(QueueCommand.PUSH.code()).u64(length).send();
                assertTrue(c.isClosedByNode(), "channel length " + Long.toUnsignedString(length));
            }
        }
        try (RawConnection c = new RawConnection(node.port()))
        {
            assertEquals(OK, push(c, "ch", "alive"));
            assertEquals("alive", pop(c, "ch"));
        }
    }

    @Test
    @Timeout(30)
    void shouldKeepCompleteRecordsWhenProduceStreamIsCut()
    {
        launch(1000);
        try (RawConnection producer = new RawConnection(node.port()))
        {
            producer.i32(QueueCommand.PRODUCE.code()).array("cut").send();
            assertEquals(OK, producer.readStatus());
            producer.array("p1").array("p2").u64(10).raw("half".getBytes()).send();
        }
        try (RawConnection c = new RawConnection(node.port()))
        {
            assertEquals("p1", awaitPop(c, "cut"));
            assertEquals("p2", pop(c, "cut"));
            assertEquals("", pop(c, "cut"));
        }
    }

    @Test
    @Timeout(30)
    void shouldStoreEveryStreamedRecordWhenTheProducerClosesRightAfterSending()
    {
        launch(1000);
        try (RawConnection producer = new RawConnection(node.port()))
        {
            producer.i32(QueueCommand.PRODUCE.code()).array("burst").send();
            assertEquals(OK, producer.readStatus());
            for (int i = 0; i < 500; i++)
            {
                producer.array("b" + i);
            }
            producer.u64(0).i32(QueueCommand.PUSH.code()).array("burst").array("after").send();
        }
        try (RawConnection c = new RawConnection(node.port()))
        {
            assertEquals("b0", awaitPop(c, "burst"));
            for (int i = 1; i < 500; i++)
            {
                assertEquals("b" + i, pop(c, "burst"));
            }
            assertEquals("after", awaitPop(c, "burst"), "a request pipelined before the close is handled too");
        }
    }

    @Test
    @Timeout(30)
    void shouldCloseConnectionWhenProduceRecordIsOverTheArrayLimit()
    {
        launch(1000);
        try (RawConnection producer = new RawConnection(node.port()))
        {
            producer.i32(QueueCommand.PRODUCE.code()).array("big").send();
            assertEquals(OK, producer.readStatus());
            producer.array("kept").u64(1L << 62).send();
            assertTrue(producer.isClosedByNode());
        }
        try (RawConnection c = new RawConnection(node.port()))
        {
            assertEquals("kept", pop(c, "big"));
        }
    }

    @Test
    @Timeout(60)
    void shouldServeOthersAndKeepRecordsStoredWhenAConsumerStopsReading()
    {
        launch(1000);
        final String value = "v".repeat(1000);
        try (RawConnection stuck = new RawConnection(node.port());
            RawConnection producer = new RawConnection(node.port()))
        {
            stuck.receiveBuffer(4096);
            stuck.i32(QueueCommand.CONSUME.code()).array("slow").send();
            assertEquals(OK, stuck.readStatus());
            for (int i = 0; i < 20_000; i++)
            {
                assertEquals(OK, push(producer, "slow", value));
            }
            assertEquals(OK, push(producer, "other", "x"));
            assertEquals("x", pop(producer, "other"));
            try (RawConnection second = new RawConnection(node.port()))
            {
                second.i32(QueueCommand.CONSUME.code()).array("slow").send();
                assertEquals(OK, second.readStatus());
                for (int i = 0; i < 10; i++)
                {
                    assertEquals(OK, push(producer, "slow", value));
                }
                int received = 0;
                while (received < 100)
                {
                    assertEquals(value, second.readArray(), "records the stuck consumer did not take stayed stored");
                    received++;
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldServeTheRemainingConsumerWhenAConsumerVanishes() throws Exception
    {
        launch(1000);
        try (RawConnection producer = new RawConnection(node.port()))
        {
            final RawConnection vanishing = new RawConnection(node.port());
            vanishing.i32(QueueCommand.CONSUME.code()).array("gone").send();
            assertEquals(OK, vanishing.readStatus());
            assertEquals(OK, push(producer, "gone", "first"));
            assertEquals("first", vanishing.readArray());
            vanishing.close();
            try (RawConnection remaining = new RawConnection(node.port()))
            {
                remaining.i32(QueueCommand.CONSUME.code()).array("gone").send();
                assertEquals(OK, remaining.readStatus());
                final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
                final Thread reader = new Thread(() ->
                {
                    while (true)
                    {
                        final String record = remaining.readArray();
                        if (record.isEmpty())
                        {
                            return;
                        }
                        received.add(record);
                    }
                });
                reader.start();
                for (int i = 0; i < 20; i++)
                {
                    assertEquals(OK, push(producer, "gone", "r" + i));
                }
                final long deadline = System.nanoTime() + 10_000_000_000L;
                while (received.size() < 18 && System.nanoTime() < deadline)
                {
                    Thread.onSpinWait();
                }
                assertTrue(received.size() >= 18, "at most the records routed to the dead consumer before its " +
                    "close was seen are lost, got " + received);
                removeChannels(producer);
                reader.join(10_000);
                assertFalse(reader.isAlive(), "RemoveChannel ended the stream");
            }
        }
    }

    @Test
    @Timeout(60)
    void shouldShareRecordsRoundRobinWhenConsumersShareAStorage() throws Exception
    {
        launch(1000);
        final List<RawConnection> consumers = new ArrayList<>();
        final AtomicInteger total = new AtomicInteger();
        final int[] counts = new int[3];
        final List<Thread> readers = new ArrayList<>();
        try (RawConnection producer = new RawConnection(node.port()))
        {
            for (int i = 0; i < 3; i++)
            {
                final RawConnection consumer = new RawConnection(node.port());
                consumers.add(consumer);
                consumer.i32(QueueCommand.CONSUME.code()).array("rr").send();
                assertEquals(OK, consumer.readStatus());
                final int index = i;
                final Thread reader = new Thread(() ->
                {
                    while (!consumer.readArray().isEmpty())
                    {
                        synchronized (counts)
                        {
                            counts[index]++;
                        }
                        total.incrementAndGet();
                    }
                });
                readers.add(reader);
                reader.start();
            }
            for (int i = 0; i < 30; i++)
            {
                assertEquals(OK, push(producer, "rr", "r" + i));
                final long deadline = System.nanoTime() + 5_000_000_000L;
                while (total.get() <= i && System.nanoTime() < deadline)
                {
                    Thread.onSpinWait();
                }
            }
            removeChannels(producer);
            for (final Thread reader : readers)
            {
                reader.join(10_000);
            }
        }
        finally
        {
            consumers.forEach(RawConnection::close);
        }
        synchronized (counts)
        {
            assertEquals(30, counts[0] + counts[1] + counts[2]);
            assertEquals(10, counts[0], "spaced pushes go round robin");
            assertEquals(10, counts[1], "spaced pushes go round robin");
            assertEquals(10, counts[2], "spaced pushes go round robin");
        }
    }

    private static void removeChannels(final RawConnection producer)
    {
        producer.i32(QueueCommand.REMOVE_CHANNEL.code()).array("gone").send();
        assertEquals(OK, producer.readStatus());
        producer.i32(QueueCommand.REMOVE_CHANNEL.code()).array("rr").send();
        assertEquals(OK, producer.readStatus());
    }

    static int push(final RawConnection c, final String channel, final String value)
    {
        c.i32(QueueCommand.PUSH.code()).array(channel).array(value).send();
        return c.readStatus();
    }

    static String pop(final RawConnection c, final String channel)
    {
        c.i32(QueueCommand.POP.code()).array(channel).send();
        final int status = c.readStatus();
        assertEquals(OK, status, "Pop " + channel);
        return c.readArray();
    }

    private static String awaitPop(final RawConnection c, final String channel)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (true)
        {
            c.i32(QueueCommand.POP.code()).array(channel).send();
            final int status = c.readStatus();
            if (OK == status)
            {
                final String record = c.readArray();
                if (!record.isEmpty() || System.nanoTime() > deadline)
                {
                    return record;
                }
            }
            else if (System.nanoTime() > deadline)
            {
                return "status " + status;
            }
        }
    }
}
