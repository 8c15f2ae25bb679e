package org.swarmjvm.node.testing.fuzz;

import org.swarmjvm.node.testing.LogCapture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One node's fuzzing set-up: a node in this JVM, its frame generator behind a {@link FuzzDriver}, its well-behaved
 * clients and its janitor. The suite's run, the long runs and the regression seeds all go through
 * {@link #fuzzAndCheck} and {@link #replayAndCheck}.
 */
public interface NodeFuzz extends AutoCloseable
{
    /**
     * @return the driver, bound to the node and the protocol's generator.
     */
    FuzzDriver driver();

    /**
     * @param index of the client: its channels and its seed.
     * @return a new well-behaved client of the node.
     */
    WellBehavedClient wellBehavedClient(int index);

    /**
     * Removes every channel but the well-behaved clients', so that channels created by damaged names do not pile
     * up over a long run.
     */
    void removeFuzzedChannels();

    /**
     * @return most bytes the node may hold above what it held at the start of a run.
     */
    long memoryBound();

    /**
     * @return true when the node still answers a request as the spec says.
     */
    boolean serves();

    @Override
    void close();

    /**
     * Runs fuzzing connections beside {@link FuzzSettings#WELL_BEHAVED_CLIENTS} well-behaved clients.
     *
     * @param seed   of the run.
     * @param frames to send.
     * @return the report.
     */
    default FuzzReport run(final long seed, final long frames)
    {
        final List<WellBehavedClient> wellBehaved = new ArrayList<>();
        try
        {
            for (int i = 0; i < FuzzSettings.WELL_BEHAVED_CLIENTS; i++)
            {
                wellBehaved.add(wellBehavedClient(i));
            }
            return driver().run(seed, frames, FuzzSettings.FUZZING_THREADS, wellBehaved, this::removeFuzzedChannels,
                MemoryProbe::usedAfterGc, memoryBound());
        }
        finally
        {
            wellBehaved.forEach(WellBehavedClient::close);
        }
    }

    /**
     * The fuzzing test of a node: a run of {@link FuzzSettings#frames()} frames from {@link FuzzSettings#seed},
     * printed, then checked: no failing case or client, records read back, no ERROR line logged, the node still
     * serves.
     *
     * @param setUp     starts the node and its set-up.
     * @param suiteSeed the suite's seed.
     */
    static void fuzzAndCheck(final Supplier<? extends NodeFuzz> setUp, final long suiteSeed)
    {
        final long seed = FuzzSettings.seed(suiteSeed);
        final long frames = FuzzSettings.frames();
        try (LogCapture log = new LogCapture(); NodeFuzz fuzz = setUp.get())
        {
            final FuzzReport report = fuzz.run(seed, frames);
            System.out.println(report.summary());
            report.assertPassed(frames);
            assertEquals(List.of(), log.messagesAtLeast(Level.SEVERE), "ERROR lines during fuzzing");
            assertTrue(fuzz.serves(), "the node stopped serving");
        }
    }

    /**
     * The regression test of a node: replays cases that once failed, one by one, then checks that the node still
     * serves.
     *
     * @param setUp starts the node and its set-up.
     * @param seeds of the cases.
     */
    static void replayAndCheck(final Supplier<? extends NodeFuzz> setUp, final long... seeds)
    {
        try (NodeFuzz fuzz = setUp.get())
        {
            assertEquals(List.of(), fuzz.driver().replay(seeds));
            assertTrue(fuzz.serves(), "the node stopped serving");
        }
    }
}
