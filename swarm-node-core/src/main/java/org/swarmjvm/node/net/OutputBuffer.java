package org.swarmjvm.node.net;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteBuffer;

/**
 * A connection's replies waiting to be sent, for every protocol: written after {@link #end()}, sent from the
 * first unsent byte, within the node's {@link RequestMemory}.
 * <p>
 * Memory follows what waits, never what was streamed: streams stop producing once {@link #STREAM_LIMIT} bytes wait
 * (the connections check {@link #hasRoomForStream()} before each stream step), and the bytes sent are moved out of
 * the buffer as soon as they are no fewer than the bytes left, so a client that keeps some output waiting all
 * along (a slow reader) holds a few times the limit, not the stream (before, the buffer's offsets only grew until
 * it drained completely: 20 readers of a 16 MiB GetAll held 360 MB). What the buffer grew by beyond its first
 * capacity is reserved in the request memory, read buffers' budget alike, before it is sent.
 * <p>
 * It also tells since when its output has waited with no byte taken by the socket, for the write timeout (see
 * {@link Listener}). Used on the poller thread only.
 */
public final class OutputBuffer
{
    /**
     * A stream stops producing while this much of its connection's output waits to be sent: the original's write
     * buffer was 64 KiB (dhtnode, dmqnode, dlsnode: a stream stopped when it was full and the socket took no more),
     * and the socket's own buffer keeps the link busy meanwhile.
     */
    public static final int STREAM_LIMIT = 64 * 1024;

    private final RequestMemory memory;
    private final int initialCapacity;
    private ExpandableDirectByteBuffer buffer;
    /** Bytes of the buffer beyond the initial capacity reserved in the request memory. */
    private int reserved;
    private int start;
    private int end;
    /** Output waits with the socket taking nothing since {@link #waitingSinceNanos}. */
    private boolean waiting;
    private long waitingSinceNanos;

    /**
     * @param memory          the node's budget the buffer grows in.
     * @param initialCapacity what the buffer starts with and shrinks back to, outside the budget.
     */
    public OutputBuffer(final RequestMemory memory, final int initialCapacity)
    {
        this.memory = memory;
        this.initialCapacity = initialCapacity;
        this.buffer = new ExpandableDirectByteBuffer(initialCapacity);
    }

    /**
     * @return the buffer to write replies into, at {@link #end()} and after; it grows as they need.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the offset after the last byte queued: where the next reply goes.
     */
    public int end()
    {
        return end;
    }

    /**
     * Queues what was written up to {@code end} for sending.
     *
     * @param end the offset after the last byte written.
     */
    public void end(final int end)
    {
        this.end = end;
    }

    /**
     * @return bytes queued but not sent yet.
     */
    public int pending()
    {
        return end - start;
    }

    /**
     * @return true while a stream may produce more: less than {@link #STREAM_LIMIT} waits.
     */
    public boolean hasRoomForStream()
    {
        return pending() < STREAM_LIMIT;
    }

    /**
     * Reserves in the request memory what the buffer grew by since the last call.
     *
     * @return the growth that does not fit in the request memory (the connection must close), or 0.
     */
    int reserveGrowth()
    {
        final int growth = buffer.capacity() - initialCapacity - reserved;
        if (growth <= 0)
        {
            return 0;
        }
        if (!memory.tryReserve(growth))
        {
            return growth;
        }
        reserved += growth;
        return 0;
    }

    /**
     * @return the unsent bytes as a buffer positioned for a socket write.
     */
    ByteBuffer unsent()
    {
        final ByteBuffer unsent = buffer.byteBuffer();
        unsent.limit(end).position(start);
        return unsent;
    }

    /**
     * Takes note of a write: forgets the bytes sent, moving the rest to the front once it is no longer than what
     * was sent (each byte is then moved at most once on average), and when the output started waiting.
     *
     * @param written  bytes the socket took.
     * @param nowNanos {@link System#nanoTime()} of the write, read only when output remains.
     * @return true when everything queued went out.
     */
    boolean onSent(final int written, final long nowNanos)
    {
        start += written;
        if (start == end)
        {
            start = 0;
            end = 0;
            waiting = false;
            return true;
        }
        final int unsent = end - start;
        if (start >= unsent)
        {
            buffer.putBytes(0, buffer, start, unsent);
            start = 0;
            end = unsent;
        }
        if (written > 0 || !waiting)
        {
            waiting = true;
            waitingSinceNanos = nowNanos;
        }
        return false;
    }

    /**
     * @param nowNanos      {@link System#nanoTime()} now.
     * @param timeoutNanos  the write timeout.
     * @return true when output has waited that long with not one byte taken by the socket.
     */
    boolean hasWaitedLongerThan(final long nowNanos, final long timeoutNanos)
    {
        return waiting && end > start && nowNanos - waitingSinceNanos >= timeoutNanos;
    }

    /**
     * Gives back a buffer grown over {@code retained} bytes once nothing waits in it, and its reservation.
     *
     * @param retained the largest capacity kept: a mid-sized one saves a client sending such requests in a row an
     *                 allocation each time; the initial capacity for a connection that closed.
     */
    public void shrink(final int retained)
    {
        if (end == start && buffer.capacity() > retained && buffer.capacity() > initialCapacity)
        {
            buffer = new ExpandableDirectByteBuffer(initialCapacity);
            memory.release(reserved);
            reserved = 0;
        }
    }

    /**
     * Forgets what waits and shrinks back to the initial capacity, for a connection slot that closed.
     */
    public void reset()
    {
        start = 0;
        end = 0;
        waiting = false;
        shrink(initialCapacity);
    }
}
