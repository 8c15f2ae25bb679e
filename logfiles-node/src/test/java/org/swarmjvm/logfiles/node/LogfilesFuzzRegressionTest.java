package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.fuzz.NodeFuzz;

import java.nio.file.Path;

/**
 * Logfiles fuzzing cases that once failed, replayed one by one from their seeds. When a fuzzing run prints
 * {@code FAILING logfiles fuzz case seed 0x...}, add the seed here with a line on what it found, then fix.
 */
class LogfilesFuzzRegressionTest
{
    /**
     * The seeds and what they found (seeds generate their case with the generator and mutator of today).
     */
    private static final long[] SEEDS = {
        // No case has failed against the logfiles node yet; two arbitrary seeds stand in, so that the replay
        // itself runs.
        0x5eed0d15L,
        0x5eed0d16L,
    };

    @TempDir
    Path dataDir;

    @Test
    void shouldPassEveryCaseThatOnceFailed()
    {
        NodeFuzz.replayAndCheck(() -> new LogfilesFuzz(dataDir), SEEDS);
    }
}
