package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.fuzz.NodeFuzz;

import java.nio.file.Path;

/**
 * Fuzzing cases that once failed, replayed one by one from their seeds. When a fuzzing run prints
 * {@code FAILING dht fuzz case seed 0x...}, add the seed here with a line on what it found, then fix.
 */
class DhtFuzzRegressionTest
{
    /**
     * The seeds and what they found (seeds generate their case with the generator and mutator of today).
     */
    private static final long[] SEEDS = {
        // A huge length makes the node close while the client is still writing: a broken pipe is a close.
        0x79c73001f3d86f8bL,
        // Garbage after PutBatch's code: the node may reset the connection; that is a close too.
        0x1d8d807e1224e1b1L,
        // A flipped byte turns the last frame into a Listen: the stream must end when the client hangs up.
        0xd9f9953b4c663bbfL,
        // Several requests, then a negative length: earlier replies complete, then the close.
        0xa3670a226bbd29bfL,
        0x2ff6154e9ae86963L,
    };

    @TempDir
    Path dataDir;

    @Test
    void shouldPassEveryCaseThatOnceFailed()
    {
        NodeFuzz.replayAndCheck(() -> new DhtFuzz(dataDir), SEEDS);
    }
}
