package org.swarmjvm.bench.load;

/**
 * What the simulated clients do.
 */
public enum Workload
{
    /** Put of a random key of the key space, replacing its record. */
    PUT,
    /** Get of a random key of the key space (fill the channel first). */
    GET,
    /** Get or Put of a random key, reads making {@code --read-percent} of the requests. */
    MIXED,
    /** GetAll of the whole channel per request; the figure is payload (key and value bytes) per second. */
    GETALL,
    /** Writers Put new records while every connection Listens; the figure is records delivered per second. */
    LISTEN
}
