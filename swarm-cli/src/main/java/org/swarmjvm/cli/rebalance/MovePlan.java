package org.swarmjvm.cli.rebalance;

/**
 * The size of what a rebalance plans to move, which its progress display expects.
 */
public interface MovePlan
{
    /**
     * @return the (estimated) records that move.
     */
    long records();

    /**
     * @return the (estimated) bytes that move.
     */
    long bytes();
}
