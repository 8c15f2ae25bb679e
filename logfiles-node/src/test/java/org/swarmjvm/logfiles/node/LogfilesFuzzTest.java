package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.fuzz.NodeFuzz;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Protocol fuzzing of the logfiles node: at least 100,000 requests of every legacy command, the last one of each
 * connection damaged (flipped bytes, truncation, huge and negative lengths, unknown codes, garbage, resets;
 * several requests per connection cut at random points), while well-behaved clients put records one by one and
 * in batches into their own channels and check every key range and filtered range they read back.
 * <p>
 * Passes when no case failed (each failure is printed with its seed: add it to {@link LogfilesFuzzRegressionTest}),
 * the well-behaved clients read back exactly what they stored, the node logged no ERROR, memory stayed under the
 * bound, and the node still serves. {@code -Dswarm.fuzz.frames=N} and {@code -Dswarm.fuzz.seed=S} change the run
 * ({@code scripts/fuzz-long logfiles}).
 */
class LogfilesFuzzTest
{
    /** The suite's seed, fixed so that a CI failure replays locally; the long run picks a new one each time. */
    private static final long DEFAULT_SEED = 0x5EED_0D15L;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.HOURS)
    void shouldSurviveDamagedFramesWhileWellBehavedClientsKeepTheirData()
    {
        NodeFuzz.fuzzAndCheck(() -> new LogfilesFuzz(dataDir), DEFAULT_SEED);
    }
}
