package org.swarmjvm.node.testing.fuzz;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
    Map<Mutation, Long> mutations,
    List<String> failures,
    double seconds)
{
    /**
     * @return the report as a few lines for the test output and the reliability notes.
     */
    public String summary()
    {
        final Map<Mutation, Long> sorted = new EnumMap<>(mutations);
        return String.format("fuzz %s seed 0x%x: %,d frames in %,d connections (%,d closed by the node) in %.1f s, " +
            "%,d well-behaved requests, %,d records checked, memory %,d -> max %,d bytes, failures %d%n  %s",
            protocol, seed, frames, cases, closedByNode, seconds, wellBehavedSteps, recordsChecked, memoryBaseline,
            memoryMax, failures.size(), sorted);
    }
}
