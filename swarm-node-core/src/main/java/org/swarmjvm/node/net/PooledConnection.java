package org.swarmjvm.node.net;

import org.swarmjvm.node.stats.NodeStats;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connection slot of a {@link Listener}'s pool, for every protocol: the socket it serves now, its key, its id and
 * peer for the log, and its {@link ReadBuffer}. Opened on an accepted socket, closed, and opened again on a later
 * one, its buffers kept: a slot hands itself back with {@link #release()} when it closes, having given back what
 * it held beyond its initial buffers, so that it opens as a new connection.
 */
public abstract class PooledConnection implements SelectionHandler
{
    /** What {@link #readSocket()} returns when the peer closed its side. */
    protected static final int END_OF_STREAM = -1;
    /** What {@link #readSocket()} returns when the read failed: the connection is closed. */
    protected static final int READ_FAILED = -2;
    private static final Logger LOG = System.getLogger(PooledConnection.class.getName());

    private final ReadBuffer readBuffer;
    private final NodeStats stats;
    private Listener<?> listener;
    private int slot;
    private SocketChannel channel;
    private SelectionKey key;
    private long id;
    private String remoteAddress;

    /**
     * @param requestMemory       the node's budget the read buffer grows in.
     * @param initialReadCapacity of the read buffer, outside the budget.
     * @param stats               the node's counters, of the bytes received and sent among others.
     */
    protected PooledConnection(
        final RequestMemory requestMemory, final int initialReadCapacity, final NodeStats stats)
    {
        this.readBuffer = new ReadBuffer(requestMemory, initialReadCapacity);
        this.stats = stats;
    }

    final void attach(final Listener<?> listener, final int slot)
    {
        this.listener = listener;
        this.slot = slot;
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
     * @return the connections of this slot's listener open now, this one included.
     */
    protected final int openConnections()
    {
        return listener.openConnections();
    }

    /**
     * Hands the slot back to its listener's pool; the slot's close calls it last, once it holds nothing of the
     * connection.
     */
    protected final void release()
    {
        listener.release(slot);
    }

    /**
     * Reads what the socket has into the read buffer, counting the bytes; closes the connection when the read
     * fails.
     *
     * @return the bytes read, {@link #END_OF_STREAM}, or {@link #READ_FAILED}.
     */
    protected final int readSocket()
    {
        final int read;
        try
        {
            read = channel.read(readBuffer.buffer());
        }
        catch (final IOException ex)
        {
            close(Level.DEBUG, "read failed: " + ex.getMessage());
            return READ_FAILED;
        }
        if (read >= 0)
        {
            stats.onBytesReceived(read);
        }
        return read;
    }

    /**
     * Writes what the socket takes of a buffer, counting the bytes.
     *
     * @param buffer from its position to its limit.
     * @return the bytes written.
     * @throws IOException when the write fails.
     */
    protected final int writeSocket(final ByteBuffer buffer) throws IOException
    {
        final int written = channel.write(buffer);
        stats.onBytesSent(written);
        return written;
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
