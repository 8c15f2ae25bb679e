package org.swarmjvm.protocol.dht.client;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Settings of a {@link DhtClient}, with the legacy client's defaults.
 */
public final class DhtClientContext
{
    /** Connections per node by default (the legacy {@code connection_limit}). */
    public static final int DEFAULT_CONNECTIONS_PER_NODE = 5;

    /** Time to establish a connection by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Time a client waits for the ranges to settle after a node answered WrongNode, by default. */
    public static final Duration DEFAULT_MOVE_TIMEOUT = Duration.ofSeconds(10);

    private int connectionsPerNode = DEFAULT_CONNECTIONS_PER_NODE;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = Duration.ZERO;
    private boolean allowRangeGaps;
    private boolean followMoves = true;
    private Duration moveTimeout = DEFAULT_MOVE_TIMEOUT;
    private Supplier<List<NodeAddress>> nodeSource = List::of;

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
        this.connectTimeout = checkedPositive("connectTimeout", timeout);
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

    /**
     * @param follow true (the default) to follow moving ranges (docs/dht.md, "Moving ranges"): a WrongNode answer
     *               or a failure on a node that no longer owns the key makes the client run the handshake again
     *               and retry on the new owner, and a read that finds nothing asks the node whether it still owns
     *               the key. False sends exactly what the legacy client sends: no request is retried and
     *               WrongNode reaches the caller, until the client is connected again.
     * @return this context.
     */
    public DhtClientContext followMoves(final boolean follow)
    {
        this.followMoves = follow;
        return this;
    }

    /**
     * @return whether the client follows moving ranges.
     */
    public boolean followMoves()
    {
        return followMoves;
    }

    /**
     * @param timeout how long a client following a move waits for the nodes' ranges to cover every hash exactly once
     *                again (a move step leaves two nodes claiming a range for the time between its two Redistribute
     *                requests) before the request fails; 1 ms to 24 days.
     * @return this context.
     */
    public DhtClientContext moveTimeout(final Duration timeout)
    {
        this.moveTimeout = checkedPositive("moveTimeout", timeout);
        return this;
    }

    /**
     * @return how long a client following a move waits for the ranges to settle.
     */
    public Duration moveTimeout()
    {
        return moveTimeout;
    }

    /**
     * @param source asked at every repeated handshake for the DHT's nodes (typically a reading of the
     *               nodes file the operator updates before adding a node, with {@link NodesFile#parse}); the nodes
     *               it names that the client does not know yet are handshaken and join the registry. By default
     *               none: the client knows only the nodes it was connected to.
     * @return this context.
     */
    public DhtClientContext nodeSource(final Supplier<List<NodeAddress>> source)
    {
        this.nodeSource = source;
        return this;
    }

    /**
     * @return where the client learns of nodes at a repeated handshake.
     */
    public Supplier<List<NodeAddress>> nodeSource()
    {
        return nodeSource;
    }

    private static Duration checkedPositive(final String name, final Duration timeout)
    {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(name + " must be 1 ms to 24 days, not " + timeout);
        }
        return timeout;
    }
}
