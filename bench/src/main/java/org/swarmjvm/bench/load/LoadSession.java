package org.swarmjvm.bench.load;

/**
 * One simulated client of a closed-loop workload: its own connection, one request in flight at a time.
 */
interface LoadSession extends AutoCloseable
{
    /** What {@link #request()} answers when the request found nothing (no record, an empty queue). */
    long MISS = -1;

    /**
     * Sends one measured request and waits for its answer.
     *
     * @return payload bytes moved, or {@link #MISS}.
     */
    long request();

    /**
     * Sends one warm-up request; by default the same as a measured one.
     *
     * @return payload bytes moved, or {@link #MISS}.
     */
    default long warmUpRequest()
    {
        return request();
    }

    /**
     * Closes the connection.
     */
    @Override
    void close();

    /**
     * Connects one simulated client.
     */
    @FunctionalInterface
    interface Factory
    {
        /**
         * @param index of the client, from 0.
         * @return the connected session.
         */
        LoadSession open(int index);
    }
}
