package org.swarmjvm.dht.node.storage;

import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.AbstractData;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.hash.impl.HashSplitting;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * One channel of the DHT node: an off-heap Chronicle Map from 8-byte keys to values. Records are read and written
 * through the map's contexts on raw bytes, so a request copies its value once, between the map and a connection
 * buffer, and allocates nothing.
 * <p>
 * "bytes" of a channel, which the original took from TokyoCabinet's memory estimate, are counted here as
 * {@code 8 + len(value)} per record (docs/dht.md), whatever the channel's {@link ValueCompression}: a channel that
 * compresses keeps its values in their stored form ({@link Lz4ValueCodec}), counted apart as its stored bytes, and
 * hands them to every reader (Get, iterations, dumps) as they were sent. Iteration copies one map segment at a
 * time, under that segment's lock, into a caller's buffer (or only its keys, whose values the caller reads later by
 * key): records put or removed meanwhile in other segments may or may not be seen, and no key is seen twice.
 * <p>
 * Reads and writes come from the poller thread; Redistribute iterates and removes from the blocking worker,
 * which the map's segment locks make safe.
 */
public final class DhtChannel implements AutoCloseable
{
    /** Bytes counted per record besides its value: the key. */
    public static final int RECORD_OVERHEAD = Long.BYTES;

    /**
     * How far past its layout a map may grow (the library's limit), in extra memory taken only when needed: values
     * that average more than the map was laid out for still fit the channel's capacity, at slower lookups.
     */
    private static final double MAX_BLOAT_FACTOR = 1000;
    /** The map's hash function of keys (Chronicle Map's default). */
    private static final LongHashFunction KEY_HASH = LongHashFunction.xx_r39();

    private final String name;
    private final long capacity;
    private final ValueCompression compression;
    private final boolean compressed;
    private final ChronicleMap<Long, byte[]> map;
    private final HashSplitting segmentSplitting;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong storedBytes = new AtomicLong();
    private final List<ChannelListener> listeners = new ArrayList<>();
    private volatile boolean removed;

    /**
     * Thread-local scratch: the key bytes and the value bytes handed to the map as raw data.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Receives a channel's Put notifications and its removal (Listen).
     */
    public interface ChannelListener
    {
        /**
         * A Put stored a record.
         *
         * @param key of the record.
         */
        void onPut(long key);

        /**
         * A Remove deleted a record (neo Mirror; Listen ignores deletions).
         *
         * @param key of the record removed.
         */
        default void onRemove(final long key)
        {
        }

        /**
         * The channel was removed; no more notifications follow.
         */
        void onChannelRemoved();
    }

    /**
     * Receives records during iteration.
     */
    public interface RecordSink
    {
        /**
         * @param key         of the record.
         * @param value       buffer holding the value, valid during the call only.
         * @param valueOffset of the value.
         * @param valueLength of the value.
         */
        void onRecord(long key, DirectBuffer value, int valueOffset, int valueLength);
    }

    /**
     * Receives the keys of records during iteration.
     */
    public interface KeySink
    {
        /**
         * @param key of a record.
         */
        void onKey(long key);
    }

    /**
     * Creates an empty channel whose map is laid out for its capacity.
     *
     * @param name             of the channel.
     * @param capacity         records the channel holds: a Put of a new key beyond them is refused.
     * @param averageValueSize expected average value length, for the map's layout.
     */
    public DhtChannel(final String name, final long capacity, final int averageValueSize)
    {
        this(name, capacity, capacity, averageValueSize);
    }

    /**
     * Creates an empty channel.
     *
     * @param name             of the channel.
     * @param capacity         records the channel holds: a Put of a new key beyond them is refused.
     * @param mapEntries       records the map is laid out for (a channel loaded from a larger dump holds more than
     *                         its capacity).
     * @param averageValueSize expected average value length, for the map's layout.
     */
    public DhtChannel(final String name, final long capacity, final long mapEntries, final int averageValueSize)
    {
        this(name, capacity, mapEntries, averageValueSize, ValueCompression.NONE);
    }

    /**
     * Creates an empty channel that stores its values as its compression says.
     *
     * @param name             of the channel.
     * @param capacity         records the channel holds: a Put of a new key beyond them is refused.
     * @param mapEntries       records the map is laid out for (a channel loaded from a larger dump holds more than
     *                         its capacity).
     * @param averageValueSize expected average value length as sent, for the map's layout.
     * @param compression      how values are stored.
     */
    public DhtChannel(final String name, final long capacity, final long mapEntries, final int averageValueSize,
        final ValueCompression compression)
    {
        this.name = name;
        this.capacity = capacity;
        this.compression = compression;
        this.compressed = ValueCompression.LZ4 == compression;
        this.map = ChronicleMap.of(Long.class, byte[].class)
            .name(name)
            .entries(mapEntries)
            .averageValueSize(averageValueSize)
            .maxBloatFactor(MAX_BLOAT_FACTOR)
            // The node dumps its maps at shutdown and closes them itself; closing them in a JVM hook first
            // would lose every channel's records on SIGTERM.
            .skipCloseOnExitHook(true)
            .create();
        segmentSplitting = ((VanillaChronicleHash<?, ?, ?, ?>)map).hashSplitting;
    }

    /**
     * Creates and drops a tiny channel, so that the map library's one-time set-up (it compiles code at run time,
     * seconds on a cold JVM) happens at start, not on the poller thread at the first Put.
     */
    public static void warmUp()
    {
        try (DhtChannel channel = new DhtChannel("warm-up", 1, 1))
        {
            channel.exists(0);
        }
    }

    /**
     * @return the channel's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return records stored.
     */
    public long records()
    {
        return records.get();
    }

    /**
     * @return records the channel holds: a Put of a new key beyond them is refused.
     */
    public long capacity()
    {
        return capacity;
    }

    /**
     * @return bytes stored, counted as {@code 8 + len(value)} per record.
     */
    public long bytes()
    {
        return bytes.get();
    }

    /**
     * @return bytes the map holds for the channel's records, counted as {@code 8 + len(stored value)} per record:
     *         as {@link #bytes()} unless the channel compresses.
     */
    public long storedBytes()
    {
        return storedBytes.get();
    }

    /**
     * @return how the channel stores its values.
     */
    public ValueCompression compression()
    {
        return compression;
    }

    /**
     * @return true once the channel was removed; its data is gone.
     */
    public boolean isRemoved()
    {
        return removed;
    }

    /**
     * Stores a record, replacing any record with the same key.
     *
     * @param key         of the record.
     * @param value       buffer holding the value.
     * @param valueOffset of the value.
     * @param valueLength of the value, at least 1.
     * @return false when the channel holds its capacity of records (and the key is new) or the map is full, and
     *         nothing was stored.
     */
    public boolean put(final long key, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        return store(key, value, valueOffset, valueLength, capacity);
    }

    /**
     * Stores a record from a dump: as {@link #put}, beyond the channel's capacity if the dump holds more records
     * (the dump's records are kept; new keys are refused afterwards).
     *
     * @param key         of the record.
     * @param value       buffer holding the value.
     * @param valueOffset of the value.
     * @param valueLength of the value, at least 1.
     * @return false when the map is full and nothing was stored.
     */
    public boolean load(final long key, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        return store(key, value, valueOffset, valueLength, Long.MAX_VALUE);
    }

    private boolean store(
        final long key, final DirectBuffer value, final int valueOffset, final int valueLength, final long limit)
    {
        final Scratch scratch = SCRATCH.get();
        final int storedLength = compressed ?
            scratch.wrapEncoded(value, valueOffset, valueLength) : scratch.wrapValue(value, valueOffset, valueLength);
        try (ExternalMapQueryContext<Long, byte[], ?> context = scratch.query(map, key))
        {
            context.updateLock().lock();
            final Data<byte[]> data = scratch.valueData;
            final MapEntry<Long, byte[]> entry = context.entry();
            if (null == entry)
            {
                if (records.get() >= limit)
                {
                    return false;
                }
                context.absentEntry().doInsert(data);
                records.incrementAndGet();
                bytes.addAndGet(RECORD_OVERHEAD + valueLength);
                storedBytes.addAndGet(RECORD_OVERHEAD + storedLength);
            }
            else
            {
                final Data<byte[]> old = entry.value();
                final long oldStoredLength = old.size();
                final long oldLength = compressed ? Lz4ValueCodec.valueLength(old) : oldStoredLength;
                entry.doReplaceValue(data);
                bytes.addAndGet(valueLength - oldLength);
                storedBytes.addAndGet(storedLength - oldStoredLength);
            }
            return true;
        }
        catch (final IllegalStateException ex)
        {
            if (removed)
            {
                throw ex;
            }
            return false;
        }
    }

    /**
     * Writes the value of a record as {@code ARRAY(value)}, or {@code ARRAY("")} when there is none.
     *
     * @param key    of the record.
     * @param buffer to write into; it must grow on demand.
     * @param offset where the array goes.
     * @return bytes written.
     */
    public int writeValueArray(final long key, final MutableDirectBuffer buffer, final int offset)
    {
        final Scratch scratch = SCRATCH.get();
        try (ExternalMapQueryContext<Long, byte[], ?> context = scratch.query(map, key))
        {
            final MapEntry<Long, byte[]> entry = context.entry();
            if (null == entry)
            {
                buffer.putLong(offset, 0, LITTLE_ENDIAN);
                return Long.BYTES;
            }
            final Data<byte[]> value = entry.value();
            if (compressed)
            {
                final DirectBuffer decoded = scratch.codec().decode(value);
                final int length = decoded.capacity();
                buffer.putLong(offset, length, LITTLE_ENDIAN);
                buffer.putBytes(offset + Long.BYTES, decoded, 0, length);
                return Long.BYTES + length;
            }
            final int length = (int)value.size();
            buffer.putLong(offset, length, LITTLE_ENDIAN);
            buffer.checkLimit(offset + Long.BYTES + length);
            value.bytes().nativeRead(value.offset(), buffer.addressOffset() + offset + Long.BYTES, length);
            return Long.BYTES + length;
        }
    }

    /**
     * @param key of the record.
     * @return true when a record with that key exists.
     */
    public boolean exists(final long key)
    {
        final Scratch scratch = SCRATCH.get();
        try (ExternalMapQueryContext<Long, byte[], ?> context = scratch.query(map, key))
        {
            return null != context.entry();
        }
    }

    /**
     * Removes a record if it exists.
     *
     * @param key of the record.
     * @return true when a record was removed.
     */
    public boolean remove(final long key)
    {
        final Scratch scratch = SCRATCH.get();
        try (ExternalMapQueryContext<Long, byte[], ?> context = scratch.query(map, key))
        {
            context.updateLock().lock();
            final MapEntry<Long, byte[]> entry = context.entry();
            if (null == entry)
            {
                return false;
            }
            final Data<byte[]> value = entry.value();
            final long storedLength = value.size();
            bytes.addAndGet(-(RECORD_OVERHEAD + (compressed ? Lz4ValueCodec.valueLength(value) : storedLength)));
            storedBytes.addAndGet(-(RECORD_OVERHEAD + storedLength));
            entry.doRemove();
            records.decrementAndGet();
            return true;
        }
    }

    /**
     * @return number of segments: iteration goes one segment at a time.
     */
    public int segments()
    {
        return map.segments();
    }

    /**
     * The segment a key's record lives in, as the map computes it (the key's 8 bytes hashed with the map's hash
     * function, split as the map splits hashes), so that threads filling the map at once can each take their own
     * segments and never wait for each other's locks. Should the library compute it otherwise, only that speed is
     * lost: every store still locks its segment.
     *
     * @param key of a record.
     * @return its segment, from 0 to {@link #segments()} - 1.
     */
    public int segmentOf(final long key)
    {
        return segmentSplitting.segmentIndex(ChannelKeyData.hash(KEY_HASH, key));
    }

    /**
     * Hands every record of one segment to a sink, holding that segment's lock meanwhile; the sink must copy.
     *
     * @param segment index, from 0 to {@link #segments()} - 1.
     * @param sink    receiving the records.
     */
    public void forEachInSegment(final int segment, final RecordSink sink)
    {
        final Scratch scratch = SCRATCH.get();
        scratch.sink = sink;
        scratch.decodeVisited = compressed;
        try (MapSegmentContext<Long, byte[], ?> context = map.segmentContext(segment))
        {
            context.forEachSegmentEntry(scratch.entryVisitor);
        }
        finally
        {
            scratch.sink = null;
        }
    }

    /**
     * Hands the key of every record of one segment to a sink, holding that segment's lock meanwhile; values are
     * neither read nor decoded.
     *
     * @param segment index, from 0 to {@link #segments()} - 1.
     * @param sink    receiving the keys.
     */
    public void forEachKeyInSegment(final int segment, final KeySink sink)
    {
        final Scratch scratch = SCRATCH.get();
        scratch.keySink = sink;
        try (MapSegmentContext<Long, byte[], ?> context = map.segmentContext(segment))
        {
            context.forEachSegmentEntry(scratch.keyVisitor);
        }
        finally
        {
            scratch.keySink = null;
        }
    }

    /**
     * Registers a Listen request.
     *
     * @param listener to notify; poller thread only.
     */
    public void addListener(final ChannelListener listener)
    {
        listeners.add(listener);
    }

    /**
     * Unregisters a Listen request.
     *
     * @param listener to forget; poller thread only.
     */
    public void removeListener(final ChannelListener listener)
    {
        listeners.remove(listener);
    }

    /**
     * Tells every Listen request about a Put.
     *
     * @param key of the record put.
     */
    public void notifyPut(final long key)
    {
        for (int i = 0, size = listeners.size(); i < size; i++)
        {
            listeners.get(i).onPut(key);
        }
    }

    /**
     * Tells every listener about a removal.
     *
     * @param key of the record removed.
     */
    public void notifyRemove(final long key)
    {
        for (int i = 0, size = listeners.size(); i < size; i++)
        {
            listeners.get(i).onRemove(key);
        }
    }

    /**
     * Marks the channel removed, ends its Listen requests and frees its memory.
     */
    @Override
    public void close()
    {
        removed = true;
        for (int i = listeners.size() - 1; i >= 0; i--)
        {
            listeners.get(i).onChannelRemoved();
        }
        listeners.clear();
        map.close();
        records.set(0);
        bytes.set(0);
        storedBytes.set(0);
    }

    /**
     * Per-thread buffers that let the map read keys and values from raw memory without allocating.
     * <p>
     * The key and the value reach the map as this class's own {@link Data} views of native memory: the map's own
     * wrappers of a {@code BytesStore} ({@code queryContext(BytesStore, ...)}, {@code wrapValueBytesAsData}) take
     * and drop a reference-counted hold on it at every query, which cost a third of a Put's time.
     */
    private static final class Scratch
    {
        private final ChannelKeyData key = new ChannelKeyData();
        private final NativeData<byte[]> valueData = new NativeData<>();
        private Lz4ValueCodec codec;
        private final UnsafeBuffer valueView = new UnsafeBuffer(0, 0);
        private final UnsafeBuffer heapValueCopy = new UnsafeBuffer(ByteBuffer.allocateDirect(0));
        private RecordSink sink;
        private boolean decodeVisited;
        private final Consumer<MapEntry<Long, byte[]>> entryVisitor = this::visit;
        private KeySink keySink;
        private final Consumer<MapEntry<Long, byte[]>> keyVisitor = this::visitKey;

        ExternalMapQueryContext<Long, byte[], ?> query(final ChronicleMap<Long, byte[]> map, final long keyValue)
        {
            return map.queryContext(key.of(keyValue));
        }

        /**
         * Points {@link #valueData} at a value, stored as sent.
         *
         * @return the length to store.
         */
        int wrapValue(final DirectBuffer value, final int offset, final int length)
        {
            if (null != value.byteArray())
            {
                // Heap buffers (tests) are copied to native memory, which is what the map reads.
                if (heapValueCopy.capacity() < length)
                {
                    heapValueCopy.wrap(ByteBuffer.allocateDirect(Math.max(length, 2 * heapValueCopy.capacity())));
                }
                heapValueCopy.putBytes(0, value, offset, length);
                valueData.wrap(heapValueCopy.addressOffset(), length);
                return length;
            }
            valueData.wrap(value.addressOffset() + offset, length);
            return length;
        }

        /**
         * Points {@link #valueData} at the stored form of a value of a channel that compresses.
         *
         * @return the length to store.
         */
        int wrapEncoded(final DirectBuffer value, final int offset, final int length)
        {
            final Lz4ValueCodec lz4 = codec();
            final int storedLength = lz4.encode(value, offset, length);
            valueData.wrap(lz4.encodedAddress(), storedLength);
            return storedLength;
        }

        /**
         * @return this thread's codec, made at its first use: threads that never touch a compressing channel
         *         hold none.
         */
        Lz4ValueCodec codec()
        {
            if (null == codec)
            {
                codec = new Lz4ValueCodec();
            }
            return codec;
        }

        private static long keyOf(final MapEntry<Long, byte[]> entry)
        {
            final Data<Long> keyData = entry.key();
            return keyData.bytes().readLong(keyData.offset());
        }

        private void visitKey(final MapEntry<Long, byte[]> entry)
        {
            keySink.onKey(keyOf(entry));
        }

        private void visit(final MapEntry<Long, byte[]> entry)
        {
            final long keyValue = keyOf(entry);
            final Data<byte[]> value = entry.value();
            if (decodeVisited)
            {
                final DirectBuffer decoded = codec().decode(value);
                sink.onRecord(keyValue, decoded, 0, decoded.capacity());
                return;
            }
            final long address = value.bytes().addressForRead(value.offset());
            valueView.wrap(address, (int)value.size());
            sink.onRecord(keyValue, valueView, 0, (int)value.size());
        }
    }

    /**
     * Bytes in native memory handed to the map as a key or a value, re-pointed for every query. The map reads and
     * hashes them through {@link #bytes()} only: the node never asks it for their object form.
     *
     * @param <T> the map's type of the bytes (its key or value class).
     */
    private static final class NativeData<T> extends AbstractData<T>
    {
        private final PointerBytesStore store = new PointerBytesStore();
        private long size;

        void wrap(final long address, final long length)
        {
            // A store of no bytes is refused by the library; a value has at least 1 (empty values are not stored).
            store.set(address, Math.max(length, 1));
            size = length;
        }

        @Override
        public RandomDataInput bytes()
        {
            return store;
        }

        @Override
        public long offset()
        {
            return 0;
        }

        @Override
        public long size()
        {
            return size;
        }

        @Override
        public T get()
        {
            throw new UnsupportedOperationException("raw bytes of " + size + " bytes");
        }

        @Override
        public T getUsing(final T using)
        {
            return get();
        }
    }
}
