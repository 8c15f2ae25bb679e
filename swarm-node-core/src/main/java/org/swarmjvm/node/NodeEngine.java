package org.swarmjvm.node;

import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.node.stats.ChannelFigures;
import org.swarmjvm.node.work.NodeTimers;
import org.swarmjvm.support.stats.StatsLine;

/**
 * What a kind of node plugs into the core: the handlers of its protocol's commands and its storage. The core
 * knows nothing of keys, channels or records, but publishes the records and bytes per channel the engine tells it
 * ({@link ChannelFigures#forEachChannel}, called from the metrics thread at any time: read gauges, reset nothing).
 */
public interface NodeEngine extends AutoCloseable, ChannelFigures
{
    /**
     * The name of every command code of the protocol, indexed by code; {@code null} marks a code that is not a
     * command (the connection is then closed). Used for dispatch tables and stats.
     *
     * @return names such as {@code Put}, by code.
     */
    String[] commandNames();

    /**
     * Creates one connection's handlers, called once per connection slot; the handlers are reused for every request
     * on that slot.
     *
     * @param services the node-wide services the handlers may use.
     * @return a handler per command code, indexed like {@link #commandNames()}.
     */
    RequestHandler[] newRequestHandlers(NodeServices services);

    /**
     * Adds the engine's figures (records, bytes, per channel) to the stats line of an interval.
     *
     * @param line being built.
     */
    void appendStats(StatsLine line);

    /**
     * Adds the engine's periodic work (a storage's flushes) to the node's timers, whose thread also writes the stats
     * line. Called once at launch, before the timers start; the tasks run until the server closes, which stops the
     * timers before it calls {@link #close()}. A task must not block for long: the other tasks wait for it.
     *
     * @param timers of the node, not started yet.
     */
    default void scheduleTimers(final NodeTimers timers)
    {
    }

    /**
     * Stops the engine after the last connection closed: a DHT node dumps its channels here.
     */
    @Override
    void close();
}
