package org.swarmjvm.node.net;

import org.agrona.concurrent.Agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The node's one network thread (ocean's epoll loop): owns the selector that every {@link Listener} and every
 * connection of every protocol is registered with, hands each ready key to the {@link SelectionHandler} it
 * carries, then gives each listener and its protocol their part of the turn. It never blocks but in
 * {@code select}.
 */
public final class Poller implements Agent
{
    private static final Logger LOG = System.getLogger(Poller.class.getName());
    /** The longest a turn waits for a ready key: a protocol's deadlines are checked at least this often. */
    private static final long SELECT_TIMEOUT_MS = 100;

    private final String roleName;
    private final Selector selector;
    private final ArrayList<Listener<?>> listeners = new ArrayList<>();
    private final Consumer<SelectionKey> onSelected = Poller::onSelected;

    /**
     * Opens the selector.
     *
     * @param name of the node, for the thread name.
     * @throws UncheckedIOException when the selector cannot be opened.
     */
    public Poller(final String name)
    {
        this.roleName = name + "-poller";
        try
        {
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a selector: " + ex.getMessage(), ex);
        }
    }

    /**
     * Binds a listening socket for a protocol, served from the next turn on; call before the thread starts.
     *
     * @param protocol         served on the socket.
     * @param address          IPv4 address to bind.
     * @param port             to bind; 0 for any free port.
     * @param backlog          of the listening socket.
     * @param socketBufferSize send and receive buffer of accepted connections; 0 for the system's.
     * @param writeTimeout     how long a connection's output may wait with no byte taken by the socket before the
     *                         connection is closed; 0 for no limit.
     * @param <C>              the protocol's connection slot.
     * @return the listener.
     * @throws UncheckedIOException when the socket cannot be bound.
     */
    public <C extends PooledConnection> Listener<C> listen(
        final Protocol<C> protocol,
        final String address,
        final int port,
        final int backlog,
        final int socketBufferSize,
        final Duration writeTimeout)
    {
        final Listener<C> listener =
            new Listener<>(protocol, selector, address, port, backlog, socketBufferSize, writeTimeout.toNanos());
        listeners.add(listener);
        return listener;
    }

    /**
     * Makes a blocked {@code select} return: a close, or a request woken on another thread, takes effect at once.
     */
    public void wakeup()
    {
        selector.wakeup();
    }

    @Override
    public int doWork() throws IOException
    {
        int work = selector.select(onSelected, SELECT_TIMEOUT_MS);
        for (int i = 0; i < listeners.size(); i++)
        {
            work += listeners.get(i).doWork();
        }
        return work;
    }

    /**
     * Closes every listener with its connections, the last bound first, then the selector; also when the thread
     * never started, for a node whose start failed after the poller was made.
     */
    @Override
    public void onClose()
    {
        for (int i = listeners.size() - 1; i >= 0; i--)
        {
            listeners.get(i).close();
        }
        try
        {
            selector.close();
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "closing the selector failed", ex);
        }
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    private static void onSelected(final SelectionKey key)
    {
        if (key.isValid())
        {
            ((SelectionHandler)key.attachment()).onSelected(key);
        }
    }
}
