package org.swarmjvm.bench.jmh;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Writing one request frame per command, as the client does before each send: command code, channel, key and
 * value into a reused direct buffer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class DhtRequestEncodeBenchmark
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
