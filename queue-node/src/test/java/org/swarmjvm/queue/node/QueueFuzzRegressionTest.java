package org.swarmjvm.queue.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.fuzz.NodeFuzz;

import java.nio.file.Path;

/**
 * Queue fuzzing cases that once failed, replayed one by one from their seeds. When a fuzzing run prints
 * {@code FAILING queue fuzz case seed 0x...}, add the seed here with a line on what it found, then fix.
 */
class QueueFuzzRegressionTest
{
    /**
     * The seeds and what they found (seeds generate their case with the generator and mutator of today).
     */
    private static final long[] SEEDS = {
        // A huge or negative record length inside a Produce stream: the node has answered the Produce with 200
        // before it reads the damaged record, then closes; the status is not a byte too many.
        0x96bd59e8d6d87e8aL,
        0x15581052d8cb5ce0L,
        // The same inside a ProduceMulti stream, after an empty channel list.
        0x484ff4c382f88c46L,
    };

    @TempDir
    Path dataDir;

    @Test
    void shouldPassEveryCaseThatOnceFailed()
    {
        NodeFuzz.replayAndCheck(() -> new QueueFuzz(dataDir), SEEDS);
    }
}
