package org.swarmjvm.node.net;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connection slot of a {@link Listener}'s pool, for every protocol: the socket it serves now, its key, its id and
 * peer for the log, and its {@link ReadBuffer}. Opened on an accepted socket, closed, and opened again on a later
 * one, its buffers kept: a slot hands itself back with {@link Listener#release(PooledConnection)} when it closes,
 * having given back what it held beyond its initial buffers, so that it opens as a new connection.
 */
public abstract class PooledConnection implements SelectionHandler
{
    /** What {@link #readSocket()} returns when the peer closed its side. */
    protected static final int END_OF_STREAM = -1;
    /** What {@link #readSocket()} returns when the read failed: the connection is closed. */
    protected static final int READ_FAILED = -2;
    private static final Logger LOG = System.getLogger(PooledConnection.class.getName());

    private final ReadBuffer readBuffer;
    private SocketChannel channel;
    private SelectionKey key;
    private long id;
    private String remoteAddress;

    /**
     * @param requestMemory       the node's budget the read buffer grows in.
     * @param initialReadCapacity of the read buffer, outside the budget.
     */
    protected PooledConnection(final RequestMemory requestMemory, final int initialReadCapacity)
    {
        this.readBuffer = new ReadBuffer(requestMemory, initialReadCapacity);
    }

    final void open(final SocketChannel channel, final SelectionKey key, final long id, final String remoteAddress)
    {
        this.channel = channel;
        this.key = key;
        this.id = id;
        this.remoteAddress = remoteAddress;
        onOpen();
    }

    /**
     * Starts serving the socket just accepted, on the poller thread: the slot's state is a new connection's.
     */
    protected abstract void onOpen();

    /**
     * Closes the connection if it is open, and releases the slot; does nothing on a closed one.
     *
     * @param level  of the log line.
     * @param reason for the log line.
     */
    public abstract void close(Level level, String reason);

    /**
     * @return the id of the connection, counted per listener from 1, for the log.
     */
    public final long connectionId()
    {
        return id;
    }

    /**
     * @return the peer's address, for the log.
     */
    public final String remoteAddress()
    {
        return remoteAddress;
    }

    /**
     * @return the socket served now.
     */
    protected final SocketChannel channel()
    {
        return channel;
    }

    /**
     * @return the socket's key in the poller's selector.
     */
    protected final SelectionKey key()
    {
        return key;
    }

    /**
     * @return the read buffer.
     */
    protected final ReadBuffer readBuffer()
    {
        return readBuffer;
    }

    /**
     * Reads what the socket has into the read buffer; closes the connection when the read fails.
     *
     * @return the bytes read, {@link #END_OF_STREAM}, or {@link #READ_FAILED}.
     */
    protected final int readSocket()
    {
        try
        {
            return channel.read(readBuffer.buffer());
        }
        catch (final IOException ex)
        {
            close(Level.DEBUG, "read failed: " + ex.getMessage());
            return READ_FAILED;
        }
    }

    /**
     * Stops selecting the socket and closes it; the slot's close calls it once.
     */
    protected final void closeSocket()
    {
        key.cancel();
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            LOG.log(Level.DEBUG, "closing connection " + id + " failed", ex);
        }
    }
}
