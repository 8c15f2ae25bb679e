package org.swarmjvm.queue.node.neo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.queue.node.QueueNode;
import org.swarmjvm.queue.node.config.QueueNodeContext;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;

/**
 * The queue node's neo requests byte by byte against spec neo.md 8 (the hex marked (V) there is captured from
 * the original node) and the statuses of each request.
 */
@Timeout(60)
class NeoQueueRequestsTest
{
    @TempDir
    Path dir;

    private QueueNode node;

    @BeforeEach
    void start() throws IOException
    {
        node = NeoQueueNodes.launch(dir);
    }

    @AfterEach
    void stop()
    {
        node.close();
    }

    @Test
    void shouldAnswerTheCapturedPushPopAndConsumeExchanges() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.send("01 2900000000000000 28 0100000000000000 01 03 02 0200000000000000 7161 0200000000000000 7162" +
                " 0200000000000000 6869");
            raw.expect("01 0900000000000000 08 0100000000000000 fd");
            raw.expect("01 0900000000000000 08 0100000000000000 01");

            raw.request(2, "02 01" + array("qa")).answer(2, "fd");
            raw.expect("01 1300000000000000 12 0200000000000000 01 0200000000000000 6869");

            raw.send("01 1d00000000000000 1c 0400000000000000 06 04 0200000000000000 7162 0100000000000000 73");
            raw.expect("01 0900000000000000 08 0400000000000000 fd");
            raw.expect("01 0900000000000000 08 0400000000000000 01");
            raw.expect("01 1b00000000000000 1a 0400000000000000 03 0a00000000000000 0200000000000000 6869");
            raw.send("01 0900000000000000 08 0400000000000000 01");
            raw.send("01 0900000000000000 08 0400000000000000 02");
            raw.expect("01 0900000000000000 08 0400000000000000 04");

            // The request is over: the id starts a new request.
            raw.request(4, "02 01" + array("qa")).answer(4, "fd").answer(4, "02");
        }
    }

    @Test
    void shouldCloseTheConnectionForArgumentsCutShort() throws IOException
    {
        final String channel = array("qa");
        for (final String arguments : List.of(
            "01 03",
            "01 03 01",
            "01 03 01 " + channel,
            "02 01 0500000000000000 7161",
            "06 04 " + channel,
            "14 00 " + channel + " 0100"))
        {
            try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
            {
                raw.request(1, arguments).answer(1, "fd").expectEof();
            }
        }
    }

    @Test
    void shouldPushToNoChannelAndStoreNothing() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "01 03 00" + array("hi")).answer(1, "fd").answer(1, "01");
        }
        assertEquals(0, node.storage().channels().size());
    }

    @Test
    void shouldRefuseBadChannelNamesAndEmptyValuesWithError() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "01 03 02" + array("good") + array("bad name") + array("hi"))
                .answer(1, "fd").answer(1, "02");
            raw.request(2, "01 03 01" + array("good") + array("")).answer(2, "fd").answer(2, "02");
            raw.request(3, "01 03 01" + array("") + array("hi")).answer(3, "fd").answer(3, "02");
            raw.request(4, "02 01" + array("a/b")).answer(4, "fd").answer(4, "03");
            raw.request(5, "06 04" + array("a b") + array("s")).answer(5, "fd").answer(5, "02");
            raw.request(6, "06 04" + array("ok") + array("s@x")).answer(6, "fd").answer(6, "02");
            // Nothing was stored by the refused requests: good is still empty (and now exists).
            raw.request(7, "02 01" + array("good")).answer(7, "fd").answer(7, "02");
        }
        assertNull(node.storage().channel("bad name"));
        assertNull(node.storage().channel("ok"));
    }

    @Test
    void shouldCreateAMissingChannelOnPopAndAnswerEmpty() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "02 01" + array("fresh")).answer(1, "fd").answer(1, "02");
        }
        assertEquals("fresh", node.storage().channel("fresh").name());
    }

    @Test
    void shouldAnswerSubscribedToPopOnceAConsumeSubscribed() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "01 03 01" + array("ch") + array("r0")).answer(1, "fd").answer(1, "01");
            raw.request(2, "06 04" + array("ch") + array("sub")).answer(2, "fd").answer(2, "01")
                .answer(2, "03 0a00000000000000 0200000000000000 7230");
            raw.request(3, "02 01" + array("ch")).answer(3, "fd").answer(3, "04");
            raw.request(2, "02").answer(2, "04");
            raw.request(4, "02 01" + array("ch")).answer(4, "fd").answer(4, "04");
        }
    }

    @Test
    void shouldShareNeoAndLegacyStorage() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node);
            QueueClient legacy = NeoQueueNodes.legacyClient(node))
        {
            raw.request(1, "01 03 01" + array("shared") + array("from-neo")).answer(1, "fd").answer(1, "01");
            assertArrayEquals("from-neo".getBytes(StandardCharsets.US_ASCII), legacy.pop("shared"));
            legacy.push("shared", "from-legacy".getBytes(StandardCharsets.US_ASCII));
            raw.request(2, "02 01" + array("shared")).answer(2, "fd").answer(2, "01" + array("from-legacy"));
        }
    }

    @Test
    void shouldEndConsumeWithChannelRemovedAfterLegacyRemoveChannel() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node);
            QueueClient legacy = NeoQueueNodes.legacyClient(node))
        {
            raw.request(6, "06 04" + array("gone") + array("")).answer(6, "fd").answer(6, "01");
            legacy.removeChannel("gone");
            raw.expect("01 0900000000000000 08 0600000000000000 05");
            // The id is free again and the connection still serves requests.
            raw.request(6, "02 01" + array("gone")).answer(6, "fd").answer(6, "02");
        }
    }

    @Test
    void shouldSendBatchesOfAtLeast100000BytesAndWaitForContinue() throws IOException
    {
        final byte[] value = new byte[5000];
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            for (int i = 0; i < 30; i++)
            {
                value[0] = (byte)i;
                raw.request(100 + i, "01 03 01" + array("big") + "8813000000000000" + Hex.toHex(value))
                    .answer(100 + i, "fd").answer(100 + i, "01");
            }
            raw.request(1, "06 04" + array("big") + array("")).answer(1, "fd").answer(1, "01");
            assertBatch(raw.readAnswer(1), 0, 20);
            raw.request(1, "01");
            assertBatch(raw.readAnswer(1), 20, 10);
            raw.request(1, "02").answer(1, "04");
        }
    }

    private static void assertBatch(final byte[] payload, final int first, final int records)
    {
        final ByteBuffer view = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3, view.get(0), "Records");
        assertEquals(records * 5008L, view.getLong(1), "batch length");
        assertEquals(payload.length, 9 + records * 5008, "message length");
        for (int i = 0; i < records; i++)
        {
            assertEquals(5000, view.getLong(9 + i * 5008), "record length");
            assertEquals((byte)(first + i), view.get(9 + i * 5008 + 8), "record order");
        }
    }

    @Test
    void shouldHoldRecordsBackWhileTheClientWithholdsContinueAndSendThemInOrderOnContinue() throws IOException
    {
        try (NeoRawConnection consumer = NeoQueueNodes.authenticated(node);
            NeoRawConnection producer = NeoQueueNodes.authenticated(node))
        {
            consumer.request(1, "06 04" + array("held") + array("s")).answer(1, "fd").answer(1, "01");
            producer.request(10, "01 03 01" + array("held") + array("r0")).answer(10, "fd").answer(10, "01");
            consumer.answer(1, "03 0a00000000000000 0200000000000000 7230");
            // Suspended: the client withholds Continue; what is pushed meanwhile waits in the storage.
            for (int i = 1; i <= 3; i++)
            {
                producer.request(10 + i, "01 03 01" + array("held") + array("r" + i)).answer(10 + i, "fd")
                    .answer(10 + i, "01");
            }
            consumer.expectSilence(300);
            consumer.request(1, "01");
            consumer.answer(1, "03 1e00000000000000 0200000000000000 7231 0200000000000000 7232" +
                " 0200000000000000 7233");
            consumer.request(1, "01");
            consumer.expectSilence(100);
            consumer.request(1, "02").answer(1, "04");
        }
    }

    @Test
    void shouldGiveARecordToAWaitingConsumerWhileTheOneInTurnWithholdsContinue() throws IOException
    {
        try (NeoRawConnection holding = NeoQueueNodes.authenticated(node);
            NeoRawConnection waiting = NeoQueueNodes.authenticated(node);
            NeoRawConnection producer = NeoQueueNodes.authenticated(node))
        {
            holding.request(1, "06 04" + array("shared") + array("s")).answer(1, "fd").answer(1, "01");
            waiting.request(1, "06 04" + array("shared") + array("s")).answer(1, "fd").answer(1, "01");
            producer.request(10, "01 03 01" + array("shared") + array("r0")).answer(10, "fd").answer(10, "01");
            holding.answer(1, "03 0a00000000000000 0200000000000000 7230");
            producer.request(11, "01 03 01" + array("shared") + array("r1")).answer(11, "fd").answer(11, "01");
            waiting.answer(1, "03 0a00000000000000 0200000000000000 7231");
            waiting.request(1, "01");
            // A Pop answered on the same connection: the node has read the Continue before it.
            waiting.request(2, "02 01" + array("elsewhere")).answer(2, "fd").answer(2, "02");
            // The turn is the holding consumer's, which withholds Continue: the waiting one takes the record.
            producer.request(12, "01 03 01" + array("shared") + array("r2")).answer(12, "fd").answer(12, "01");
            waiting.answer(1, "03 0a00000000000000 0200000000000000 7232");
            holding.expectSilence(100);
        }
    }

    @Test
    void shouldAnswerStoppedToStopWhileWaitingForRecords() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "06 04" + array("idle") + array("s")).answer(1, "fd").answer(1, "01");
            raw.request(1, "02").answer(1, "04");
            raw.request(2, "02 01" + array("idle")).answer(2, "fd").answer(2, "04");
        }
    }

    @Test
    void shouldCloseTheConnectionOnContinueWhileWaitingForRecords() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "06 04" + array("idle") + array("s")).answer(1, "fd").answer(1, "01");
            raw.request(1, "01");
            raw.expectEof();
        }
    }

    @Test
    void shouldCloseTheConnectionOnTrailingBytesAfterPop() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "02 01" + array("ch") + "00").answer(1, "fd");
            raw.expectEof();
        }
    }

    @Test
    void shouldRefuseOtherVersionsAndCodes() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "01 02 01" + array("ch") + array("v")).answer(1, "fe");
            raw.request(2, "02 00" + array("ch")).answer(2, "fe");
            raw.request(3, "06 03" + array("ch")).answer(3, "fe");
            raw.request(4, "03 00").answer(4, "ff");
            raw.request(5, "07 00").answer(5, "ff");
            raw.request(6, "02 01" + array("ch")).answer(6, "fd").answer(6, "02");
        }
    }

    @Test
    void shouldKeepNeoPushedRecordsAndNamedSubscribersAcrossARestart() throws IOException
    {
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "06 04" + array("kept") + array("sub")).answer(1, "fd").answer(1, "01");
            raw.request(1, "02").answer(1, "04");
            raw.request(2, "01 03 02" + array("kept") + array("plain") + array("r1")).answer(2, "fd").answer(2, "01");
        }
        node.close();
        node = NeoQueueNodes.launch(dir);
        try (NeoRawConnection raw = NeoQueueNodes.authenticated(node))
        {
            raw.request(1, "02 01" + array("plain")).answer(1, "fd").answer(1, "01" + array("r1"));
            raw.request(2, "02 01" + array("kept")).answer(2, "fd").answer(2, "04");
            raw.request(3, "06 04" + array("kept") + array("sub")).answer(3, "fd").answer(3, "01")
                .answer(3, "03 0a00000000000000 0200000000000000 7231");
            raw.request(3, "02").answer(3, "04");
        }
    }

    @Test
    void shouldListAndReloadCredentialsOnTheAdminSocket() throws IOException
    {
        final Path socket = dir.resolve("neo.socket");
        final Path credentials = dir.resolve("admin-test").resolve("credentials");
        Files.createDirectories(credentials.getParent());
        Files.writeString(credentials, "first:" + "0".repeat(256) + "\n");
        final QueueNodeContext context = new QueueNodeContext().address("127.0.0.1").port(0).neoPort(0)
            .dataDirectory(dir.resolve("admin-data")).channelSizeLimit(1000).statsFile(null);
        context.neo().credentialsFile(credentials).unixSocketPath(socket);
        try (QueueNode withAdmin = QueueNode.launch(context);
            SocketChannel admin = SocketChannel.open(UnixDomainSocketAddress.of(socket)))
        {
            assertEquals("Registered credentials:\nfirst\n", command(admin, "list-credentials", 2));
            Files.writeString(credentials, "test:" + "0".repeat(256) + "\n");
            assertEquals("Credentials updated.\n", command(admin, "update-credentials", 1));
            try (NeoRawConnection raw = new NeoRawConnection(withAdmin.neoPort()))
            {
                raw.authenticate("test", NeoRawConnection.ZERO_KEY);
            }
        }
    }

    private static String command(final SocketChannel admin, final String line, final int answerLines)
        throws IOException
    {
        admin.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
        final StringBuilder answer = new StringBuilder();
        final ByteBuffer in = ByteBuffer.allocate(1);
        while (answer.chars().filter(c -> c == '\n').count() < answerLines)
        {
            in.clear();
            if (admin.read(in) < 0)
            {
                break;
            }
            answer.append((char)in.get(0));
        }
        return answer.toString();
    }

    @Test
    void shouldServeNoNeoWithoutANeoPort() throws IOException
    {
        try (QueueNode legacyOnly = QueueNode.launch(new QueueNodeContext()
            .address("127.0.0.1").port(0).dataDirectory(dir.resolve("legacy-only")).channelSizeLimit(1000)
            .statsFile(null)))
        {
            assertEquals(-1, legacyOnly.neoPort());
        }
    }
}
