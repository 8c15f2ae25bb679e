package org.swarmjvm.node.testing.fuzz;

/**
 * The size and seed of a fuzzing run: the suite's defaults, or {@code -Dswarm.fuzz.frames=N} and
 * {@code -Dswarm.fuzz.seed=S} (decimal, or hex with {@code 0x}) as the long runs set them.
 */
public final class FuzzSettings
{
    /** Fuzzing connections open at once in every node's run. */
    public static final int FUZZING_THREADS = 4;
    /** Well-behaved clients beside them. */
    public static final int WELL_BEHAVED_CLIENTS = 3;
    /** Frames of the suite's run. */
    public static final long SUITE_FRAMES = 100_000;

    private FuzzSettings()
    {
    }

    /**
     * @param suiteSeed the suite's seed, fixed so that a CI failure replays locally.
     * @return the seed of this run.
     */
    public static long seed(final long suiteSeed)
    {
        final String text = System.getProperty("swarm.fuzz.seed");
        if (null == text || text.isBlank())
        {
            return suiteSeed;
        }
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
    }

    /**
     * @return the frames this run sends.
     */
    public static long frames()
    {
        return Long.getLong("swarm.fuzz.frames", SUITE_FRAMES);
    }
}
