package org.swarmjvm.protocol.dht.client;

import java.time.Duration;

/**
 * Settings of a {@link DhtClient}, with the legacy client's defaults.
 */
public final class DhtClientContext
{
    /** Connections per node by default (the legacy {@code connection_limit}). */
    public static final int DEFAULT_CONNECTIONS_PER_NODE = 5;

    /** Time to establish a connection by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private int connectionsPerNode = DEFAULT_CONNECTIONS_PER_NODE;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = Duration.ZERO;
    private boolean allowRangeGaps;

    /**
     * @param connections pooled connections per node, at least 1.
     * @return this context.
     */
    public DhtClientContext connectionsPerNode(final int connections)
    {
        if (connections < 1)
        {
            throw new IllegalArgumentException("connectionsPerNode must be at least 1, not " + connections);
        }
        this.connectionsPerNode = connections;
        return this;
    }

    /**
     * @return pooled connections per node.
     */
    public int connectionsPerNode()
    {
        return connectionsPerNode;
    }

    /**
     * @param timeout to establish a connection.
     * @return this context.
     */
    public DhtClientContext connectTimeout(final Duration timeout)
    {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("connectTimeout must be 1 ms to 24 days, not " + timeout);
        }
        this.connectTimeout = timeout;
        return this;
    }

    /**
     * @return time to establish a connection.
     */
    public Duration connectTimeout()
    {
        return connectTimeout;
    }

    /**
     * @param timeout of each read while waiting for an answer; zero (the default, as the legacy client) waits
     *                forever. A timeout closes the connection and fails the request. Listen streams ignore it.
     * @return this context.
     */
    public DhtClientContext readTimeout(final Duration timeout)
    {
        if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("readTimeout must be 0 (none) to 24 days, not " + timeout);
        }
        this.readTimeout = timeout;
        return this;
    }

    /**
     * @return time a read waits for an answer; zero waits forever.
     */
    public Duration readTimeout()
    {
        return readTimeout;
    }

    /**
     * @param allow true to accept nodes whose ranges leave hashes uncovered, as dhtdump's handshake does when it
     *              talks to a single node of a larger DHT; keys in a gap then have no node. Overlaps, invalid
     *              ranges and wrong versions are refused either way. False (the legacy client's rule) by default.
     * @return this context.
     */
    public DhtClientContext allowRangeGaps(final boolean allow)
    {
        this.allowRangeGaps = allow;
        return this;
    }

    /**
     * @return whether the handshake accepts ranges that leave a gap.
     */
    public boolean allowRangeGaps()
    {
        return allowRangeGaps;
    }
}
