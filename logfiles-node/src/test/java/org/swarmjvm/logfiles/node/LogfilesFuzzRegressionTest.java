package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        // No seed has failed against the logfiles node yet; the first two of the suite's run stand in, so that
        // the replay itself is exercised.
        0x5eed0d15L,
        0x5eed0d16L,
    };

    @TempDir
    Path dataDir;

    @Test
    void shouldPassEveryCaseThatOnceFailed()
    {
        try (LogfilesFuzz fuzz = new LogfilesFuzz(dataDir))
        {
            assertEquals(List.of(), fuzz.driver().replay(SEEDS));
            assertTrue(fuzz.serves(), "the node stopped serving");
        }
    }
}
