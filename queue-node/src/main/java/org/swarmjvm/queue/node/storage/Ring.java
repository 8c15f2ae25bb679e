package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The memory ring of one storage, with the original's layout and fit rule (ocean's {@code FlexibleRingQueue}):
 * records of {@link RingRecordDescriptor} back to back in a fixed data region, a record is never split, and a
 * record that does not fit at the end wraps to offset 0 when the head has room.
 * <p>
 * The capacity is a byte count from the original's configuration ({@code channel_size_limit}), so it is not a
 * power of two and positions are plain offsets, not masks. The state is four numbers:
 * <ul>
 *     <li>{@code readFrom}: where the oldest record starts;</li>
 *     <li>{@code writeTo}: where the next record goes;</li>
 *     <li>{@code gap}: the end of the data in the upper segment once writing has wrapped (when not wrapped it
 *     equals {@code writeTo});</li>
 *     <li>{@code items}: the number of records. An empty ring has all four at 0.</li>
 * </ul>
 * The data region is preallocated by the owner (memory or a mapped file) and never grows. Not thread-safe.
 */
public final class Ring
{
    /**
     * What {@link #peekLength()} and {@link #pop} answer when the oldest record's length points outside the data
     * (the ring's memory was damaged from outside): the owner then cuts the ring, see {@link #cutAtDamage(int)}.
     */
    public static final int DAMAGED = -2;

    private final MutableDirectBuffer data;
    private final int capacity;
    private int readFrom;
    private int writeTo;
    private int gap;
    private int items;

    /**
     * @param data the preallocated data region; its whole capacity is used.
     */
    public Ring(final MutableDirectBuffer data)
    {
        this.data = data;
        this.capacity = data.capacity();
    }

    /**
     * Whether a record of this payload length fits now (spec §3.2).
     *
     * @param payloadLength of the record.
     * @return true when {@link #push} would store it.
     */
    public boolean fits(final int payloadLength)
    {
        final long pushSize = RingRecordDescriptor.pushSize(payloadLength);
        if (readFrom < writeTo)
        {
            return capacity - writeTo >= pushSize || readFrom >= pushSize;
        }
        if (items > 0)
        {
            return readFrom - writeTo >= pushSize;
        }
        return pushSize <= capacity;
    }

    /**
     * Where a record of this payload length would end if pushed now: the memory up to there is what the push
     * writes (a ring file's pages there must be backed by the disk first).
     *
     * @param payloadLength of a record that {@link #fits}.
     * @return the end of the record in the data region.
     */
    public int pushEnd(final int payloadLength)
    {
        final int pushSize = RingRecordDescriptor.HEADER_LENGTH + payloadLength;
        if (0 == items || (readFrom < writeTo && capacity - writeTo < pushSize))
        {
            return pushSize;
        }
        return writeTo + pushSize;
    }

    /**
     * Appends a record if it fits.
     *
     * @param src    holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return false when the record does not fit; the ring is then unchanged.
     */
    public boolean push(final DirectBuffer src, final int offset, final int length)
    {
        if (!fits(length))
        {
            return false;
        }
        final int pushSize = RingRecordDescriptor.HEADER_LENGTH + length;
        final int at;
        if (0 == items)
        {
            at = 0;
            readFrom = 0;
            writeTo = pushSize;
            gap = pushSize;
        }
        else if (readFrom < writeTo)
        {
            if (capacity - writeTo >= pushSize)
            {
                at = writeTo;
                writeTo += pushSize;
                gap = writeTo;
            }
            else
            {
                at = 0;
                gap = writeTo;
                writeTo = pushSize;
            }
        }
        else
        {
            at = writeTo;
            writeTo += pushSize;
        }
        data.putLong(at + RingRecordDescriptor.LENGTH_OFFSET, length, LITTLE_ENDIAN);
        data.putBytes(at + RingRecordDescriptor.HEADER_LENGTH, src, offset, length);
        items++;
        return true;
    }

    /**
     * @return the payload length of the oldest record, -1 when the ring is empty, or {@link #DAMAGED}.
     */
    public int peekLength()
    {
        return 0 == items ? -1 : headLength();
    }

    /**
     * Removes the oldest record and copies its payload out.
     *
     * @param dst    receives the payload; must have room (or be expandable) for {@link #peekLength()} bytes.
     * @param offset where the payload goes in {@code dst}.
     * @return the payload length, -1 when the ring is empty, or {@link #DAMAGED} (the ring is then unchanged).
     */
    public int pop(final MutableDirectBuffer dst, final int offset)
    {
        if (0 == items)
        {
            return -1;
        }
        final int length = headLength();
        if (DAMAGED == length)
        {
            return DAMAGED;
        }
        dst.putBytes(offset, data, readFrom + RingRecordDescriptor.HEADER_LENGTH, length);
        readFrom += RingRecordDescriptor.HEADER_LENGTH + length;
        items--;
        if (0 == items)
        {
            clear();
        }
        else if (readFrom >= gap)
        {
            readFrom = 0;
            gap = writeTo;
        }
        return length;
    }

    /**
     * Checks the length of every record against the bounds of its segment and against {@code validBytes}, the
     * end of the data that really exists (less than the capacity for a ring file cut short), and cuts the ring
     * before the first record that fails, or where the records end short of the recorded end: the records before
     * it stay, in order, and pushes continue after them. The ring is unchanged when every record is intact.
     *
     * @param validBytes bytes of the data region that hold what was written.
     * @return the offset in the data region where the ring was cut, or -1 when it was intact.
     */
    public int cutAtDamage(final int validBytes)
    {
        final boolean wrappedRing = items > 0 && readFrom >= writeTo;
        boolean lower = false;
        int position = readFrom;
        int end = wrappedRing ? gap : writeTo;
        for (int i = 0; i < items; i++)
        {
            if (wrappedRing && !lower && position == end)
            {
                lower = true;
                position = 0;
                end = writeTo;
            }
            final int limit = Math.min(end, validBytes);
            final long length = position + RingRecordDescriptor.HEADER_LENGTH > limit ? -1 :
                data.getLong(position + RingRecordDescriptor.LENGTH_OFFSET, LITTLE_ENDIAN);
            if (length < 0 || length > limit - position - RingRecordDescriptor.HEADER_LENGTH)
            {
                cut(position, i, lower);
                return position;
            }
            position += RingRecordDescriptor.HEADER_LENGTH + (int)length;
        }
        if (wrappedRing && !lower && position == end)
        {
            lower = true;
            position = 0;
        }
        if (items > 0 && (position != writeTo || (wrappedRing && !lower)))
        {
            cut(position, items, lower);
            return position;
        }
        return -1;
    }

    /**
     * Keeps the first {@code kept} records, which end at {@code position}: in the lower segment of a wrapped ring
     * the upper one stays whole; anywhere else the ring ends there.
     */
    private void cut(final int position, final int kept, final boolean lower)
    {
        if (0 == kept)
        {
            clear();
            return;
        }
        items = kept;
        writeTo = position;
        if (!lower)
        {
            gap = position;
        }
    }

    /**
     * @return the length of the oldest record, or {@link #DAMAGED} when it does not lie inside its segment.
     */
    private int headLength()
    {
        final long length = data.getLong(readFrom + RingRecordDescriptor.LENGTH_OFFSET, LITTLE_ENDIAN);
        final int end = readFrom < writeTo ? writeTo : gap;
        return length < 0 || length > end - readFrom - RingRecordDescriptor.HEADER_LENGTH ? DAMAGED : (int)length;
    }

    /**
     * Forgets every record.
     */
    public void clear()
    {
        readFrom = 0;
        writeTo = 0;
        gap = 0;
        items = 0;
    }

    /**
     * Replaces the content with records laid out from offset 0, as read from a dump.
     *
     * @param src        holding the records, each as {@link RingRecordDescriptor}.
     * @param offset     of the first record.
     * @param dataLength bytes of all records.
     * @param count      number of records.
     */
    public void load(final DirectBuffer src, final int offset, final int dataLength, final int count)
    {
        if (dataLength > capacity)
        {
            throw new IllegalArgumentException("ring data of " + dataLength + " bytes exceeds the capacity of " +
                capacity + " bytes");
        }
        data.putBytes(0, src, offset, dataLength);
        readFrom = 0;
        writeTo = count > 0 ? dataLength : 0;
        gap = writeTo;
        items = count;
    }

    /**
     * Restores a state saved by {@link #readFrom()}, {@link #writeTo()}, {@link #gap()} and {@link #items()},
     * after checking it is consistent with the capacity.
     *
     * @param readFrom where the oldest record starts.
     * @param writeTo  where the next record goes.
     * @param gap      end of the upper segment.
     * @param items    number of records.
     */
    public void restore(final long readFrom, final long writeTo, final long gap, final long items)
    {
        final boolean empty = 0 == items && 0 == readFrom && 0 == writeTo && 0 == gap;
        final boolean valid = empty || (items > 0 && items <= Integer.MAX_VALUE && readFrom >= 0 && writeTo >= 0 &&
            gap >= 0 && gap <= capacity && writeTo <= capacity && readFrom < capacity &&
            (readFrom < writeTo ? gap == writeTo : readFrom < gap));
        if (!valid)
        {
            throw new IllegalStateException("inconsistent ring state readFrom=" + readFrom + " writeTo=" + writeTo +
                " gap=" + gap + " items=" + items + " capacity=" + capacity);
        }
        this.readFrom = (int)readFrom;
        this.writeTo = (int)writeTo;
        this.gap = (int)gap;
        this.items = (int)items;
    }

    /**
     * Visits the records in pop order without removing them.
     *
     * @param visitor called once per record.
     */
    public void forEach(final RecordVisitor visitor)
    {
        int position = readFrom;
        int end = readFrom < writeTo ? writeTo : gap;
        for (int i = 0; i < items; i++)
        {
            if (position >= end)
            {
                position = 0;
                end = writeTo;
            }
            final int length = (int)data.getLong(position + RingRecordDescriptor.LENGTH_OFFSET, LITTLE_ENDIAN);
            visitor.onRecord(data, position + RingRecordDescriptor.HEADER_LENGTH, length);
            position += RingRecordDescriptor.HEADER_LENGTH + length;
        }
    }

    /**
     * @return bytes in use, headers included (what the original's stats call the memory bytes).
     */
    public long usedSpace()
    {
        if (0 == items)
        {
            return 0;
        }
        return readFrom < writeTo ? writeTo - readFrom : (gap - readFrom) + writeTo;
    }

    /**
     * @return number of records.
     */
    public int items()
    {
        return items;
    }

    /**
     * @return true when the ring holds no record.
     */
    public boolean isEmpty()
    {
        return 0 == items;
    }

    /**
     * @return size of the data region in bytes.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return where the oldest record starts.
     */
    public int readFrom()
    {
        return readFrom;
    }

    /**
     * @return where the next record goes.
     */
    public int writeTo()
    {
        return writeTo;
    }

    /**
     * @return the end of the upper segment.
     */
    public int gap()
    {
        return gap;
    }

    /**
     * Receives records in order.
     */
    @FunctionalInterface
    public interface RecordVisitor
    {
        /**
         * @param buffer holding the payload.
         * @param offset of the payload.
         * @param length of the payload.
         */
        void onRecord(DirectBuffer buffer, int offset, int length);
    }
}
