package org.swarmjvm.node.testing;

import org.swarmjvm.node.net.RequestMemory;
import org.swarmjvm.node.testing.fuzz.MemoryProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many connections that each send the start of a request whose length prefix declares 10 MiB, then hold the
 * connection open (issue 14, case 1), against a node in this JVM:
 * <ol>
 *   <li>only the start: the node must hold no memory for what was merely declared;</li>
 *   <li>the start and part of the value: the node's read buffers grow with what arrived, within its
 *       {@link RequestMemory}; the connections that do not fit are closed, with a rate-limited log line;</li>
 * </ol>
 * and throughout, another client is served; once the flood is gone the budget holds nothing. Sizes come from
 * system properties so that {@code scripts/flood} runs the full form with the same code:
 * {@code swarm.flood.connections} (200), {@code swarm.flood.partial} (bytes of the value each sends in the second
 * round, a power of two: 128 KiB), {@code swarm.flood.limit} (see {@link #limit()}).
 */
public final class RequestFlood
{
    /** What each flooding request declares: the legacy array limit. */
    public static final long DECLARED = 10L * 1024 * 1024;
    /** The budget the short form runs against: room for one honest 10 MiB value and a few more. */
    private static final long TEST_LIMIT = 16L * 1024 * 1024;

    /** A legacy connection's first read buffer, which the budget does not count. */
    private static final long FIRST_BUFFER = 16 * 1024;
    private static final Duration PROMPTLY = Duration.ofMillis(1);
    private static final long MIB = 1024 * 1024;
    /** What the node may hold per connection beside the budget: its first read and write buffers, its handlers. */
    private static final long PER_CONNECTION = 64 * 1024;
    /** The JVM's own noise: the test's clients, freed buffers not yet released. */
    private static final long SLACK = 64 * MIB;

    private RequestFlood()
    {
    }

    /**
     * @return the request memory limit a node under test gets: {@code swarm.flood.limit}, 16 MiB by default; 0
     *     is the node's own default (a quarter of the JVM's direct-memory limit), as {@code scripts/flood} runs it.
     */
    public static long limit()
    {
        return Long.getLong("swarm.flood.limit", TEST_LIMIT);
    }

    /**
     * Runs both rounds and prints one result line.
     *
     * @param kind         of node, for the result line.
     * @param node         its legacy address.
     * @param memory       its request memory.
     * @param requestStart a command code and the fields up to the length prefix that declares {@link #DECLARED}.
     * @param roundTrip    a normal request and its checked answer on a connection of its own.
     */
    public static void run(
        final String kind,
        final InetSocketAddress node,
        final RequestMemory memory,
        final byte[] requestStart,
        final Runnable roundTrip)
    {
        final int connections = Integer.getInteger("swarm.flood.connections", 200);
        final int partial = Integer.getInteger("swarm.flood.partial", 128 * 1024);
        final long bound = memory.limit() + connections * PER_CONNECTION + SLACK;
        // Every flooding connection the node closes, or that leaves, is a line of its own: the refusal lines under
        // test are the RequestMemory logger's.
        try (QuietLoggers quiet = new QuietLoggers("org.swarmjvm.node.legacy.LegacyConnection");
            LogCapture log = new LogCapture())
        {
            roundTrip.run();
            final long before = MemoryProbe.usedAfterGc();
            final long rssBefore = rss();

            final long declaredOnly;
            try (Held flood = Held.open(node, connections, requestStart))
            {
                // The second round trip is read in a later cycle of the poller than every flooding request start.
                roundTrip.run();
                roundTrip.run();
                declaredOnly = growthWithin(before, bound, connections + " connections that only declared " +
                    DECLARED + " bytes each");
                assertEquals(0, flood.closedByNode(), "connections closed for a declared length alone");
            }
            Await.until("the budget holds nothing", () -> 0 == memory.used());

            final long refusedBefore = memory.refusals();
            final long started = System.nanoTime();
            final byte[] withPart = new byte[requestStart.length + partial];
            System.arraycopy(requestStart, 0, withPart, 0, requestStart.length);
            final long partly;
            final int closed;
            final long held;
            final long rssDuring;
            try (Held flood = Held.open(node, connections, withPart))
            {
                // The part is a power of two, so with the request's first fields a buffer that took it in doubled
                // to twice its size, and every growth is reserved first: at most this many connections can stay.
                final long fitting = memory.limit() / (2L * partial - FIRST_BUFFER);
                Await.until("every connection grew its buffer or was closed", () ->
                    flood.closedByNode() >= connections - fitting &&
                    memory.refusals() - refusedBefore == flood.closedByNode());
                roundTrip.run();
                held = memory.used();
                assertTrue(held <= memory.limit(), "budget holds " + held + " of " + memory.limit());
                partly = growthWithin(before, bound, connections + " connections that sent " + partial + " bytes each");
                rssDuring = rss();
                closed = flood.closedByNode();
            }
            Await.until("the budget holds nothing once the flood is gone", () -> 0 == memory.used());
            roundTrip.run();
            final long lines = log.count(Level.WARNING, "request memory limit of " + memory.limit());
            final long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (closed > 0)
            {
                assertTrue(lines >= 1 && lines <= 2 + seconds / 10,
                    lines + " refusal lines in " + seconds + " s: " + log.messagesAtLeast(Level.WARNING));
            }
            final long after = MemoryProbe.usedAfterGc() - before;
            System.out.printf("flood %s: %,d connections declaring %,d bytes: node memory %+,d MiB; sending %,d " +
                "bytes each: %,d closed, %,d held, budget %,d of %,d MiB, node memory %+,d MiB, RSS %,d -> %,d MiB; " +
                "after: budget 0, node memory %+,d MiB, %,d log lines, answering throughout%n",
                kind, connections, DECLARED, declaredOnly / MIB, partial, closed, connections - closed, held / MIB,
                memory.limit() / MIB, partly / MIB, rssBefore / MIB, rssDuring / MIB, after / MIB, lines);
        }
    }

    /**
     * Polls until the node's memory grew by less than {@code bound} since {@code before}: the buffers a node gave
     * up while growing are garbage until the collector and the reference handler free them, which on a loaded
     * machine takes longer than one probe waits.
     *
     * @return the growth measured last.
     */
    private static long growthWithin(final long before, final long bound, final String what)
    {
        final long[] growth = new long[1];
        Await.until("node memory grows by less than " + bound + " bytes for " + what, () ->
        {
            growth[0] = MemoryProbe.usedAfterGc() - before;
            return growth[0] < bound;
        });
        return growth[0];
    }

    /**
     * @return the resident set size of this JVM, node and clients together, or 0 where /proc is missing.
     */
    private static long rss()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return 0;
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /**
     * The flooding connections.
     */
    private static final class Held implements AutoCloseable
    {
        private final List<RawConnection> connections = new ArrayList<>();
        private final boolean[] closed;

        private Held(final int count)
        {
            closed = new boolean[count];
        }

        static Held open(final InetSocketAddress node, final int count, final byte[] bytes)
        {
            final Held held = new Held(count);
            try
            {
                for (int i = 0; i < count; i++)
                {
                    final RawConnection connection = new RawConnection(node);
                    held.connections.add(connection);
                    try
                    {
                        connection.send(bytes);
                    }
                    catch (final UncheckedIOException ex)
                    {
                        // The node closed it while the bytes were on their way: counted by closedByNode().
                        held.closed[i] = true;
                    }
                }
            }
            catch (final RuntimeException ex)
            {
                held.close();
                throw ex;
            }
            return held;
        }

        /**
         * @return connections the node closed so far (with nothing sent: it answers none of these requests).
         */
        int closedByNode()
        {
            int count = 0;
            for (int i = 0; i < closed.length; i++)
            {
                closed[i] = closed[i] || connections.get(i).isClosedByPeerWithNothingSent(PROMPTLY);
                count += closed[i] ? 1 : 0;
            }
            return count;
        }

        @Override
        public void close()
        {
            connections.forEach(RawConnection::close);
        }
    }
}
