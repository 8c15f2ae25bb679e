package org.swarmjvm.node.net;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A connection's read buffer within the node's {@link RequestMemory}, for every protocol: it starts small, grows
 * only as its connection asks (by what arrived), each growth reserved in the budget first, and shrinks back,
 * giving the difference back. The {@link #view()} follows the buffer across resizes.
 */
public final class ReadBuffer
{
    private final RequestMemory memory;
    private final int initialCapacity;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private ByteBuffer buffer;
    private OutOfMemoryError refusalCause;

    /**
     * @param memory          the node's budget of read-buffer bytes beyond the initial capacity.
     * @param initialCapacity what the buffer starts with and shrinks back to, outside the budget.
     */
    public ReadBuffer(final RequestMemory memory, final int initialCapacity)
    {
        this.memory = memory;
        this.initialCapacity = initialCapacity;
        allocate(initialCapacity);
    }

    /**
     * @return the buffer now: its position is where the next read goes; replaced by {@link #resize}.
     */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return a view of the buffer, the same object across resizes.
     */
    public UnsafeBuffer view()
    {
        return view;
    }

    /**
     * Moves the bytes received from {@code from} to the buffer's position into a buffer of {@code capacity}, at its
     * front, reserving a growth in the request memory first, releasing a shrink. When the allocation fails, a
     * shrink keeps the buffer as it is.
     *
     * @param capacity of the new buffer.
     * @param from     first byte kept.
     * @return true when the bytes moved to the new buffer; false when nothing changed: a growth that does not fit
     * in the request memory or in the JVM's direct memory ({@link #refusalCause()} tells which; the connection
     * must close), or a shrink that could not allocate.
     */
    public boolean resize(final int capacity, final int from)
    {
        final int growth = capacity - buffer.capacity();
        if (growth > 0 && !memory.tryReserve(growth))
        {
            refusalCause = null;
            return false;
        }
        final ByteBuffer old = buffer;
        try
        {
            allocate(capacity);
        }
        catch (final OutOfMemoryError ex)
        {
            // The JVM's direct-memory limit is below the request memory limit: this connection's request does not
            // fit; the others and the node are unharmed, as nothing but this allocation failed.
            if (growth > 0)
            {
                memory.release(growth);
                refusalCause = ex;
            }
            return false;
        }
        if (growth < 0)
        {
            memory.release(-growth);
        }
        old.limit(old.position()).position(from);
        buffer.put(old);
        return true;
    }

    /**
     * @return why the last {@link #resize} returned false: the JVM's direct memory, or null for the request memory.
     */
    public OutOfMemoryError refusalCause()
    {
        return refusalCause;
    }

    /**
     * Forgets what was received and shrinks back to the initial capacity, for a connection slot that closed.
     */
    public void reset()
    {
        buffer.clear();
        if (buffer.capacity() > initialCapacity)
        {
            resize(initialCapacity, 0);
        }
    }

    private void allocate(final int capacity)
    {
        final ByteBuffer allocated = ByteBuffer.allocateDirect(capacity);
        view.wrap(allocated);
        buffer = allocated;
    }
}
