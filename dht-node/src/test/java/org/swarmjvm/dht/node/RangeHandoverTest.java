package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.LogCapture;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handover of a Redistribute whose target grows (docs/dht.md, "Moving ranges"): node A, owning half the ring,
 * gives the quarter 0x4000…–0x7fff… to a target on a socket of this test, which answers as the test tells it, so
 * that the moment between its claim and its answer can be held open. A client asks A GetResponsibleRange in that
 * moment.
 */
class RangeHandoverTest
{
    private static final HashRange A_AFTER = new HashRange(0, 0x3fffffffffffffffL);
    private static final HashRange C_RANGE = new HashRange(0x4000000000000000L, 0x7fffffffffffffffL);
    private static final HashRange OTHER_HALF = new HashRange(0x8000000000000000L, -1L);
    private static final long DEADLINE_SECONDS = 30;

    /** The bound of a handover's answers, TargetConnection.HANDOVER_ANSWER_TIMEOUT_MS. */
    private static final int HANDOVER_ANSWER_TIMEOUT_MS = 5_000;

    @TempDir
    Path tempDir;

    @Test
    void shouldAnswerTheGiversRangeOnlyOnceTheTargetClaimedAndThenTheNewOne() throws Exception
    {
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity());
            ScriptedTarget target = new ScriptedTarget(HashRange.EMPTY, SwarmStatus.OK.code()))
        {
            final CompletableFuture<Integer> move = redistributeLater(nodeA, target);
            assertTrue(target.redistributeArrived.await(DEADLINE_SECONDS, TimeUnit.SECONDS),
                "the target is asked to take its range");
            try (Socket client = new Socket("127.0.0.1", nodeA.port()))
            {
                client.setSoTimeout((int)TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
                client.getOutputStream().write(command(DhtCommand.GET_RESPONSIBLE_RANGE));
                assertEquals(TestNodes.HALF_RANGE, nodeA.storage().range(), "A has not shrunk yet");
                target.answer.countDown();
                assertEquals(A_AFTER, readRange(client), "held until the target answered, then the new range");
            }
            assertEquals(SwarmStatus.OK.code(), move.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
            assertEquals(List.of(DhtCommand.GET_RESPONSIBLE_RANGE.code(), DhtCommand.REDISTRIBUTE.code()),
                target.commands);
            assertEquals(C_RANGE, target.claimed);
        }
    }

    @Test
    void shouldEndTheHoldAndShrinkWhenTheTargetRefuses() throws Exception
    {
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity());
            ScriptedTarget target = new ScriptedTarget(HashRange.EMPTY, SwarmStatus.ERROR.code()))
        {
            target.answer.countDown();
            assertEquals(SwarmStatus.OK.code(), redistributeLater(nodeA, target).get(DEADLINE_SECONDS,
                TimeUnit.SECONDS), "nothing to move: the giver goes on as without a handover");
            assertEquals(A_AFTER, range(nodeA));
            assertEquals(List.of(DhtCommand.GET_RESPONSIBLE_RANGE.code(), DhtCommand.REDISTRIBUTE.code()),
                target.commands);
        }
    }

    @Test
    void shouldEndTheHoldWhenTheTargetDoesNotAnswerInTime() throws Exception
    {
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity());
            ScriptedTarget target = new ScriptedTarget(HashRange.EMPTY, SwarmStatus.OK.code()))
        {
            final CompletableFuture<Integer> move = redistributeLater(nodeA, target);
            assertTrue(target.redistributeArrived.await(DEADLINE_SECONDS, TimeUnit.SECONDS));
            // The target never answers: the hold ends after the handover's bound, and the held request answers.
            assertEquals(A_AFTER, range(nodeA));
            assertEquals(SwarmStatus.OK.code(), move.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldSendNoRedistributeToATargetThatAlreadyClaims() throws Exception
    {
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity());
            ScriptedTarget target = new ScriptedTarget(C_RANGE, SwarmStatus.OK.code()))
        {
            assertEquals(SwarmStatus.OK.code(), redistributeLater(nodeA, target).get(DEADLINE_SECONDS,
                TimeUnit.SECONDS));
            assertEquals(A_AFTER, range(nodeA));
            assertEquals(List.of(DhtCommand.GET_RESPONSIBLE_RANGE.code()), target.commands,
                "asked its range, and nothing more");
        }
    }

    @Test
    void shouldHoldTheRangeForOneHandoverTimeoutWhenTwoTargetsAreSilent() throws Exception
    {
        final HashRange aAfterBoth = new HashRange(0, 0x1fffffffffffffffL);
        final HashRange firstRange = new HashRange(0x2000000000000000L, 0x3fffffffffffffffL);
        try (LogCapture log = new LogCapture();
            DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity());
            ScriptedTarget first = new ScriptedTarget(HashRange.EMPTY, SwarmStatus.OK.code());
            ScriptedTarget second = new ScriptedTarget(HashRange.EMPTY, SwarmStatus.OK.code()))
        {
            final CompletableFuture<Integer> move = redistributeLater(nodeA, aAfterBoth,
                List.of(target(first, firstRange), target(second, C_RANGE)));
            assertTrue(first.redistributeArrived.await(DEADLINE_SECONDS, TimeUnit.SECONDS),
                "the first target is asked to take its range: the hold has started");
            // Neither target ever answers. Asked one after the other, they would hold the range 5 s each: this
            // client waits less than twice that.
            try (Socket client = new Socket("127.0.0.1", nodeA.port()))
            {
                client.setSoTimeout(HANDOVER_ANSWER_TIMEOUT_MS * 8 / 5);
                client.getOutputStream().write(command(DhtCommand.GET_RESPONSIBLE_RANGE));
                assertEquals(aAfterBoth, readRange(client), () -> "the hold ends after one timeout; log: " + log);
            }
            assertEquals(SwarmStatus.OK.code(), move.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
            for (final ScriptedTarget silent : List.of(first, second))
            {
                // The port as written in a config or a netstat line: digits only, no grouping.
                assertEquals(1, log.count(Level.WARNING,
                    "handover to 127.0.0.1:" + silent.port() + " not answered"), log::toString);
            }
        }
    }

    @Test
    void shouldAskNoRangeOfATargetThatGainsNoHashes() throws Exception
    {
        try (DhtNode nodeA = TestNodes.launch(tempDir.resolve("a"), TestNodes.HALF_RANGE, UnaryOperator.identity());
            ScriptedTarget target = new ScriptedTarget(OTHER_HALF, SwarmStatus.OK.code()))
        {
            assertEquals(SwarmStatus.OK.code(), redistributeLater(nodeA, TestNodes.HALF_RANGE,
                List.of(target(target, OTHER_HALF))).get(DEADLINE_SECONDS, TimeUnit.SECONDS));
            assertEquals(TestNodes.HALF_RANGE, range(nodeA));
            assertEquals(List.of(), target.commands, "a sweep: A keeps its range and gives the target nothing");
        }
    }

    private static CompletableFuture<Integer> redistributeLater(final DhtNode giver, final ScriptedTarget target)
    {
        return redistributeLater(giver, A_AFTER, List.of(target(target, C_RANGE)));
    }

    private static Target target(final ScriptedTarget target, final HashRange range)
    {
        return new Target("127.0.0.1", target.port(), range);
    }

    private static CompletableFuture<Integer> redistributeLater(final DhtNode giver, final HashRange newRange,
        final List<Target> targets)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return RedistributeTest.redistribute(giver, newRange, targets);
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
    }

    private static HashRange range(final DhtNode node) throws IOException
    {
        try (Socket client = new Socket("127.0.0.1", node.port()))
        {
            client.setSoTimeout((int)TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            client.getOutputStream().write(command(DhtCommand.GET_RESPONSIBLE_RANGE));
            return readRange(client);
        }
    }

    private static byte[] command(final DhtCommand command)
    {
        return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(command.code()).array();
    }

    private static HashRange readRange(final Socket client) throws IOException
    {
        final DataInputStream in = new DataInputStream(client.getInputStream());
        assertEquals(SwarmStatus.OK.code(), Integer.reverseBytes(in.readInt()));
        return new HashRange(Long.reverseBytes(in.readLong()), Long.reverseBytes(in.readLong()));
    }

    /**
     * A target node on a socket of the test: answers GetResponsibleRange with a fixed range, and Redistribute with
     * a fixed status once {@link #answer} is counted down; records the commands it was sent.
     */
    private static final class ScriptedTarget implements AutoCloseable
    {
        final List<Integer> commands = new CopyOnWriteArrayList<>();
        final CountDownLatch redistributeArrived = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);
        volatile HashRange claimed;
        private final ServerSocket server = new ServerSocket(0);
        private final HashRange range;
        private final int redistributeStatus;
        private final Thread thread;

        ScriptedTarget(final HashRange range, final int redistributeStatus) throws IOException
        {
            this.range = range;
            this.redistributeStatus = redistributeStatus;
            this.thread = new Thread(this::serve, "scripted-target");
            thread.start();
        }

        int port()
        {
            return server.getLocalPort();
        }

        private void serve()
        {
            try
            {
                while (true)
                {
                    try (Socket connection = server.accept())
                    {
                        serve(new DataInputStream(connection.getInputStream()),
                            new DataOutputStream(connection.getOutputStream()));
                    }
                    catch (final IOException ex)
                    {
                        if (server.isClosed())
                        {
                            return;
                        }
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        private void serve(final DataInputStream in, final DataOutputStream out)
            throws IOException, InterruptedException
        {
            while (true)
            {
                final int code = Integer.reverseBytes(in.readInt());
                commands.add(code);
                if (DhtCommand.GET_RESPONSIBLE_RANGE.code() == code)
                {
                    out.writeInt(Integer.reverseBytes(SwarmStatus.OK.code()));
                    out.writeLong(Long.reverseBytes(range.min()));
                    out.writeLong(Long.reverseBytes(range.max()));
                }
                else if (DhtCommand.REDISTRIBUTE.code() == code)
                {
                    claimed = new HashRange(Long.reverseBytes(in.readLong()), Long.reverseBytes(in.readLong()));
                    assertEquals(0, Long.reverseBytes(in.readLong()), "a handover names no target");
                    redistributeArrived.countDown();
                    answer.await();
                    out.writeInt(Integer.reverseBytes(redistributeStatus));
                }
                else
                {
                    return;
                }
                out.flush();
            }
        }

        @Override
        public void close() throws IOException, InterruptedException
        {
            answer.countDown();
            server.close();
            thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        }
    }
}
