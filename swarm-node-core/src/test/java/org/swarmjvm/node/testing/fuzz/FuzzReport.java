package org.swarmjvm.node.testing.fuzz;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a fuzzing run did and found.
 *
 * @param protocol          fuzzed.
 * @param seed              of the run.
 * @param frames            requests sent on fuzzing connections, valid and damaged.
 * @param cases             fuzzing connections.
 * @param closedByNode      fuzzing connections the node closed on its own.
 * @param wellBehavedSteps  requests the well-behaved clients made and checked.
 * @param recordsChecked    records the well-behaved clients read back at the end.
 * @param memoryBaseline    bytes in use before the run.
 * @param memoryMax         the most bytes in use seen during the run.
 * @param memoryEnd         bytes in use once the run was over.
 * @param mutations         fuzzing connections per mutation.
 * @param failures          one line per failing case or client, with the seed that reproduces it.
 * @param seconds           the run took.
 */
public record FuzzReport(
    String protocol,
    long seed,
    long frames,
    long cases,
    long closedByNode,
    long wellBehavedSteps,
    long recordsChecked,
    long memoryBaseline,
    long memoryMax,
    long memoryEnd,
    Map<Mutation, Long> mutations,
    List<String> failures,
    double seconds)
{
    /**
     * Fails unless the run passed: no failing case or client, at least the frames asked for, and records read
     * back by the well-behaved clients.
     *
     * @param targetFrames the run was asked to send.
     */
    public void assertPassed(final long targetFrames)
    {
        assertEquals(List.of(), failures, this::summary);
        assertTrue(frames >= targetFrames, this::summary);
        assertTrue(recordsChecked > 0, "the well-behaved clients kept no records");
    }

    /**
     * @return the report as a few lines for the test output and the reliability notes.
     */
    public String summary()
    {
        final Map<Mutation, Long> sorted = new EnumMap<>(mutations);
        return String.format("fuzz %s seed 0x%x: %,d frames in %,d connections (%,d closed by the node) in %.1f s, " +
            "%,d well-behaved requests, %,d records checked, memory %,d -> max %,d -> end %,d bytes, failures %d%n  %s",
            protocol, seed, frames, cases, closedByNode, seconds, wellBehavedSteps, recordsChecked, memoryBaseline,
            memoryMax, memoryEnd, failures.size(), sorted);
    }
}
