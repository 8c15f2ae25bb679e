package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Writing one request frame per command, as the client does before each send: command code, channel, key and
 * value into a reused direct buffer.
 */
public class DhtRequestEncodeBenchmark extends BenchmarkSettings
{
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private final WireWriter writer = new WireWriter();
    private final DhtRequestEncoder encoder = new DhtRequestEncoder(writer);
    private UnsafeBuffer value;
    private long key;

    /**
     * Prepares a 16-byte value.
     */
    @Setup
    public void setup()
    {
        value = BenchmarkData.randomValue(16, new SplittableRandom(BenchmarkData.SEED));
    }

    /**
     * @return the frame length.
     */
    @Benchmark
    public int put()
    {
        writer.wrap(frame, 0);
        return encoder.put(BenchmarkData.CHANNEL, nextKey(), value, 0, value.capacity()).position();
    }

    /**
     * @return the frame length.
     */
    @Benchmark
    public int get()
    {
        writer.wrap(frame, 0);
        return encoder.get(BenchmarkData.CHANNEL, nextKey()).position();
    }

    /**
     * @return the frame length.
     */
    @Benchmark
    public int exists()
    {
        writer.wrap(frame, 0);
        return encoder.exists(BenchmarkData.CHANNEL, nextKey()).position();
    }

    /**
     * @return the frame length.
     */
    @Benchmark
    public int remove()
    {
        writer.wrap(frame, 0);
        return encoder.remove(BenchmarkData.CHANNEL, nextKey()).position();
    }

    /**
     * @return the frame length.
     */
    @Benchmark
    public int getAll()
    {
        writer.wrap(frame, 0);
        return encoder.channel(DhtCommand.GET_ALL, BenchmarkData.CHANNEL).position();
    }

    /**
     * @return the frame length.
     */
    @Benchmark
    public int listen()
    {
        writer.wrap(frame, 0);
        return encoder.channel(DhtCommand.LISTEN, BenchmarkData.CHANNEL).position();
    }

    private long nextKey()
    {
        return BenchmarkData.key(key++);
    }
}
