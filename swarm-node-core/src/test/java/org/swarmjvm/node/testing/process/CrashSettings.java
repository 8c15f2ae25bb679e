package org.swarmjvm.node.testing.process;

/**
 * The size and seed of a crash-recovery run: the suite's defaults, or {@code -Dswarm.crash.rounds=N} and
 * {@code -Dswarm.crash.seed=S} (decimal) as the long runs set them.
 */
public final class CrashSettings
{
    /** Rounds of the suite's run. */
    public static final int SUITE_ROUNDS = 20;

    private CrashSettings()
    {
    }

    /**
     * @return the rounds of this run.
     */
    public static int rounds()
    {
        return Integer.getInteger("swarm.crash.rounds", SUITE_ROUNDS);
    }

    /**
     * @param suiteSeed the suite's seed, fixed so that a CI failure replays locally.
     * @return the seed of this run.
     */
    public static long seed(final long suiteSeed)
    {
        return Long.getLong("swarm.crash.seed", suiteSeed);
    }

}
