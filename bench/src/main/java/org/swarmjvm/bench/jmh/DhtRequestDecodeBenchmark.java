package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.codec.ChannelArrayRequestDecoder;
import org.swarmjvm.protocol.codec.ChannelKeyRequestDecoder;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;
import org.swarmjvm.protocol.codec.PutRequestDecoder;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decoding one complete request frame per command, as the node does on its poller thread: the command code, then
 * the decoder of its shape over the read buffer (a flyweight: nothing is copied), then the key parsed from hex.
 */
public class DhtRequestDecodeBenchmark extends BenchmarkSettings
{
    private static final int CODE_LENGTH = Integer.BYTES;

    private final RequestScanner scanner = new RequestScanner();
    private final PutRequestDecoder putDecoder = new PutRequestDecoder(
        DhtConst.maxValueLength(DhtConst.DEFAULT_BATCH_SIZE));
    private final ChannelKeyRequestDecoder keyDecoder = new ChannelKeyRequestDecoder();
    private final ChannelRequestDecoder channelDecoder = new ChannelRequestDecoder();
    private final ChannelArrayRequestDecoder arrayDecoder = new ChannelArrayRequestDecoder();
    private final UnsafeBuffer putFrame = frame();
    private final UnsafeBuffer getFrame = frame();
    private final UnsafeBuffer getAllFrame = frame();
    private final UnsafeBuffer putBatchFrame = frame();
    private int putLength;
    private int getLength;
    private int getAllLength;
    private int putBatchLength;

    /**
     * Writes one frame per shape with the client's encoder; PutBatch carries a full 64 KiB batch of 16-byte values.
     */
    @Setup
    public void setup()
    {
        final SplittableRandom random = new SplittableRandom(BenchmarkData.SEED);
        final UnsafeBuffer value = BenchmarkData.randomValue(16, random);
        final WireWriter writer = new WireWriter();
        final DhtRequestEncoder encoder = new DhtRequestEncoder(writer);
        writer.wrap(putFrame, 0);
        putLength = encoder.put(BenchmarkData.CHANNEL, BenchmarkData.key(1), value, 0, value.capacity()).position();
        writer.wrap(getFrame, 0);
        getLength = encoder.get(BenchmarkData.CHANNEL, BenchmarkData.key(2)).position();
        writer.wrap(getAllFrame, 0);
        getAllLength = encoder.channel(DhtCommand.GET_ALL, BenchmarkData.CHANNEL).position();
        final RecordBatchWriter batch = new RecordBatchWriter(DhtConst.DEFAULT_BATCH_SIZE);
        for (long i = 0; batch.appendRecord(BenchmarkData.key(i), value, 0, value.capacity()); i++)
        {
            value.putLong(0, random.nextLong());
        }
        writer.wrap(putBatchFrame, 0);
        final int at = encoder.putBatchHeader(BenchmarkData.CHANNEL).position();
        putBatchLength = at + batch.writeArray(putBatchFrame, at);
    }

    /**
     * @return the key, so the work is not dead code.
     */
    @Benchmark
    public long put()
    {
        check(putFrame, DhtCommand.PUT);
        if (putDecoder.decode(scanner.wrap(putFrame, CODE_LENGTH, putLength)) < 0 || !putDecoder.isKeyValid())
        {
            throw new IllegalStateException("Put frame did not decode");
        }
        return putDecoder.key() + putDecoder.valueLength();
    }

    /**
     * Get, Exists and Remove share this shape and decoder.
     *
     * @return the key.
     */
    @Benchmark
    public long get()
    {
        check(getFrame, DhtCommand.GET);
        if (keyDecoder.decode(scanner.wrap(getFrame, CODE_LENGTH, getLength)) < 0 || !keyDecoder.isKeyValid())
        {
            throw new IllegalStateException("Get frame did not decode");
        }
        return keyDecoder.key();
    }

    /**
     * GetAll, GetAllKeys, Listen, GetChannelSize and RemoveChannel share this shape and decoder.
     *
     * @return the channel name's length.
     */
    @Benchmark
    public int getAll()
    {
        check(getAllFrame, DhtCommand.GET_ALL);
        if (channelDecoder.decode(scanner.wrap(getAllFrame, CODE_LENGTH, getAllLength)) < 0)
        {
            throw new IllegalStateException("GetAll frame did not decode");
        }
        return channelDecoder.channelLength();
    }

    /**
     * The frame only: decompressing the batch is {@link RecordBatchDecodeBenchmark}.
     *
     * @return the batch's length.
     */
    @Benchmark
    public int putBatch()
    {
        check(putBatchFrame, DhtCommand.PUT_BATCH);
        if (arrayDecoder.decode(scanner.wrap(putBatchFrame, CODE_LENGTH, putBatchLength)) < 0)
        {
            throw new IllegalStateException("PutBatch frame did not decode");
        }
        return arrayDecoder.arrayLength();
    }

    private static void check(final UnsafeBuffer frame, final DhtCommand expected)
    {
        if (DhtCommand.of(frame.getInt(0, LITTLE_ENDIAN)) != expected)
        {
            throw new IllegalStateException("frame is not " + expected);
        }
    }

    private static UnsafeBuffer frame()
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(2 * DhtConst.DEFAULT_BATCH_SIZE));
    }
}
