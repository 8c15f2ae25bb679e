package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.node.net.RequestMemory;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;

/**
 * GetAll: {@code Started}, record batches, {@code Finished}, then the client's {@code Ack}; {@code Suspend},
 * {@code Resume} and {@code Stop} are each acknowledged. Records go in ascending unsigned key order over the keys
 * present at the start, so a continuation ({@code continuing}, {@code continue_from}) sends exactly the keys after
 * the last one received: nothing lost, nothing repeated. A missing channel is an empty one (not created).
 * <p>
 * That order needs every key of the channel at the start, 8 bytes a record: beyond a small array each request keeps,
 * they come out of the node's {@link RequestMemory}, reserved as the array grows, so that many connections each
 * starting a GetAll of a large channel hold no more than the budget (200 of them on 200,000 records held 641 MiB).
 * A GetAll whose keys do not fit is answered {@code Error}, with the budget's rate-limited log line.
 */
final class GetAllHandler extends SuspendableHandler
{
    private static final Logger LOG = System.getLogger(GetAllHandler.class.getName());
    /** Keys a request holds without reserving them, and keeps between its uses: 8 KiB. */
    private static final int KEYS_KEPT = 1024;

    private final RequestMemory memory;
    private long[] keys = new long[KEYS_KEPT];
    private long reservedBytes;
    private boolean keysRefused;
    private int keyCount;
    private int position;
    private byte[] filter = new byte[16];
    private int filterLength;
    private boolean keysOnly;
    private boolean finishedSent;
    private boolean batchSent;
    private DhtChannel channel;
    private final DhtChannel.KeySink collector = this::addKey;

    GetAllHandler(final DhtNeoEngine engine, final RequestMemory memory)
    {
        super(engine, "GetAll");
        this.memory = memory;
    }

    @Override
    protected void onArguments(final DirectBuffer buffer, final int offset, final int length)
    {
        final int startSuspended = readU8("GetAll");
        if (startSuspended < 0 || !readChannel("GetAll"))
        {
            return;
        }
        final int continuing = readU8("GetAll");
        if (continuing < 0 || !hasLong("GetAll"))
        {
            return;
        }
        final long continueFrom = reader.readLong();
        final int keysOnlyFlag = readU8("GetAll");
        if (keysOnlyFlag < 0 || !readArray("GetAll") || !hasExactly(0, "GetAll"))
        {
            return;
        }
        if (!isValidChannel())
        {
            answer(DhtNeoRequest.STREAM_ERROR);
            return;
        }
        filterLength = reader.arrayLength();
        if (filter.length < filterLength)
        {
            filter = new byte[filterLength];
        }
        buffer.getBytes(reader.arrayOffset(), filter, 0, filterLength);
        keysOnly = 0 != keysOnlyFlag;
        suspended = 0 != startSuspended;
        finishedSent = false;
        batchSent = false;
        keyCount = 0;
        keysRefused = false;
        position = 0;
        channel = storage.channel(buffer, channelOffset(), channelLength());
        if (null != channel)
        {
            for (int segment = 0, segments = channel.segments(); segment < segments && !keysRefused; segment++)
            {
                channel.forEachKeyInSegment(segment, collector);
            }
            if (keysRefused)
            {
                memory.onRequestRefused("neo GetAll of channel " + channel.name() + " (" + channel.records() +
                    " records) from client " + clientName(), Long.BYTES * (long)keys.length);
                channel = null;
                releaseKeys();
                answer(DhtNeoRequest.STREAM_ERROR);
                return;
            }
            sortUnsigned();
            if (0 != continuing)
            {
                position = firstAfter(continueFrom);
            }
        }
        sendByte(DhtNeoRequest.STARTED);
        if (!suspended)
        {
            requestWrite();
        }
    }

    private void addKey(final long key)
    {
        if (keysRefused)
        {
            return;
        }
        if (keyCount == keys.length)
        {
            final long growth = Long.BYTES * (long)keys.length;
            if (!memory.tryReserve(growth))
            {
                keysRefused = true;
                return;
            }
            reservedBytes += growth;
            keys = Arrays.copyOf(keys, 2 * keys.length);
        }
        keys[keyCount++] = key;
    }

    /**
     * Gives back the keys' array beyond what a request keeps, and its reservation.
     */
    private void releaseKeys()
    {
        if (keys.length > KEYS_KEPT)
        {
            keys = new long[KEYS_KEPT];
            memory.release(reservedBytes);
            reservedBytes = 0;
        }
    }

    private void sortUnsigned()
    {
        for (int i = 0; i < keyCount; i++)
        {
            keys[i] ^= Long.MIN_VALUE;
        }
        Arrays.sort(keys, 0, keyCount);
        for (int i = 0; i < keyCount; i++)
        {
            keys[i] ^= Long.MIN_VALUE;
        }
    }

    private int firstAfter(final long continueFrom)
    {
        int low = 0;
        int high = keyCount;
        while (low < high)
        {
            final int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(keys[middle], continueFrom) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    @Override
    protected void onWritable()
    {
        if (suspended || finishedSent)
        {
            return;
        }
        if (!hasRoom())
        {
            requestWrite();
            return;
        }
        final RecordBatchWriter batch = engine.getAllBatch();
        final ExpandableDirectByteBuffer value = engine.valueScratch();
        while (position < keyCount && null != channel && !channel.isRemoved())
        {
            final long key = keys[position];
            final int valueLength = channel.writeValueArray(key, value, 0) - Long.BYTES;
            if (valueLength > 0 && matches(value, Long.BYTES, valueLength))
            {
                final int entry = keysOnly ? batch.keyEntryLength() : batch.recordEntryLength(valueLength);
                if (entry > DhtNeoRequest.BATCH_SIZE)
                {
                    LOG.log(Level.WARNING, "GetAll skips record {0} of {1} bytes: it exceeds a batch",
                        Long.toHexString(key), valueLength);
                }
                else if (entry > batch.free())
                {
                    break;
                }
                else if (keysOnly)
                {
                    batch.appendKey(key);
                }
                else
                {
                    batch.appendRecord(key, value, Long.BYTES, valueLength);
                }
            }
            position++;
        }
        final boolean done = position >= keyCount || null == channel || channel.isRemoved();
        if (batch.length() > 0 || (done && !batchSent))
        {
            final int payload = beginMessage();
            out().putByte(payload, (byte)DhtNeoRequest.GET_ALL_RECORD_BATCH);
            endMessage(1 + batch.writeArray(out(), payload + 1));
            batchSent = true;
        }
        if (done)
        {
            sendByte(DhtNeoRequest.GET_ALL_FINISHED);
            finishedSent = true;
        }
        else
        {
            requestWrite();
        }
    }

    private boolean matches(final DirectBuffer value, final int offset, final int length)
    {
        if (0 == filterLength)
        {
            return true;
        }
        final byte first = filter[0];
        for (int i = 0, last = length - filterLength; i <= last; i++)
        {
            if (value.getByte(offset + i) == first)
            {
                int j = 1;
                while (j < filterLength && value.getByte(offset + i + j) == filter[j])
                {
                    j++;
                }
                if (j == filterLength)
                {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    protected boolean isLastMessageSent()
    {
        return finishedSent;
    }

    @Override
    protected void onEnd()
    {
        channel = null;
        releaseKeys();
    }
}
