package org.swarmjvm.node.net;

import org.swarmjvm.node.stats.NodeStats;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A connection slot of a {@link Listener}'s pool, for every protocol: the socket it serves now, its key, its id and
 * peer for the log, its {@link ReadBuffer} and its {@link OutputBuffer}. Opened on an accepted socket, closed, and
 * opened again on a later one, its buffers kept: a slot hands itself back with {@link #release()} when it closes,
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
    private final OutputBuffer output;
    private final RequestMemory requestMemory;
    private final NodeStats stats;
    private Listener<?> listener;
    private int slot;
    private SocketChannel channel;
    private SelectionKey key;
    private long id;
    private String remoteAddress;

    /**
     * @param requestMemory         the node's budget the read and output buffers grow in.
     * @param initialReadCapacity   of the read buffer, outside the budget.
     * @param initialOutputCapacity of the output buffer, outside the budget.
     * @param stats                 the node's counters, of the bytes received and sent among others.
     */
    protected PooledConnection(
        final RequestMemory requestMemory,
        final int initialReadCapacity,
        final int initialOutputCapacity,
        final NodeStats stats)
    {
        this.readBuffer = new ReadBuffer(requestMemory, initialReadCapacity);
        this.output = new OutputBuffer(requestMemory, initialOutputCapacity);
        this.requestMemory = requestMemory;
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
     * @return the replies waiting to be sent.
     */
    protected final OutputBuffer output()
    {
        return output;
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
     * Sends what the socket takes of the output, counting the bytes, once what the output grew by is reserved in
     * the request memory; closes the connection when that growth does not fit.
     *
     * @return true when everything queued went out; false when output remains or the connection was closed.
     * @throws IOException when the write fails.
     */
    protected final boolean flushOutput() throws IOException
    {
        final int refused = output.reserveGrowth();
        if (refused > 0)
        {
            requestMemory.onRefused(listener.connectionName() + " " + id + " from " + remoteAddress +
                " while its replies waited to be sent", refused, null);
            close(Level.DEBUG, "request memory limit reached");
            return false;
        }
        if (0 == output.pending())
        {
            return true;
        }
        final int written = channel.write(output.unsent());
        stats.onBytesSent(written);
        return output.onSent(written, written == output.pending() ? 0 : System.nanoTime());
    }

    /**
     * Closes the connection when its output has waited longer than the write timeout with not one byte taken by
     * the socket: its client stopped reading.
     *
     * @param nowNanos     {@link System#nanoTime()} now.
     * @param timeoutNanos the write timeout.
     */
    final void closeIfWriteTimedOut(final long nowNanos, final long timeoutNanos)
    {
        if (output.hasWaitedLongerThan(nowNanos, timeoutNanos))
        {
            close(Level.INFO, "write timeout: " + output.pending() + " bytes of replies unread for " +
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (see [Server] write_timeout_ms)");
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
