package org.swarmjvm.bench.load;

import org.HdrHistogram.Recorder;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records of a stream (Listen, Consume) as they arrive, from any number of receiving threads: each carries its
 * send time in its first eight bytes, so the latency is send to receipt. Only deliveries while the measurement
 * counts are kept.
 */
final class Deliveries
{
    private final Measurement measurement;
    private final Recorder recorder = new Recorder(Outcome.HIGHEST_LATENCY_NANOS, 3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder deliveredBytes = new LongAdder();

    /**
     * @param measurement whose counting window applies.
     */
    Deliveries(final Measurement measurement)
    {
        this.measurement = measurement;
    }

    /**
     * @param value   a delivered record.
     * @param payload bytes it counts for.
     */
    void accept(final byte[] value, final long payload)
    {
        final long received = System.nanoTime();
        if (measurement.isCounting() && value.length >= Long.BYTES)
        {
            recorder.recordValue(Math.min(Outcome.HIGHEST_LATENCY_NANOS, Math.max(0, received - sentNanos(value))));
            delivered.increment();
            deliveredBytes.add(payload);
        }
    }

    /**
     * Once the senders have stopped: counts the records still on their way for a moment, then ends the counting
     * window and gives what arrived, from the start of the measurement.
     *
     * @param sent     the senders' outcome.
     * @param sentName name of the senders' count in the RESULT line ("puts", "produced").
     * @return the deliveries, with the senders' count and rate as extra fields.
     */
    Outcome settle(final Outcome sent, final String sentName)
    {
        Measurement.sleepSeconds(0.5);
        measurement.stopCounting();
        final Outcome outcome = new Outcome();
        outcome.endNanos = System.nanoTime();
        outcome.startNanos = measurement.startNanos();
        outcome.ops = delivered.sum();
        outcome.bytes = deliveredBytes.sum();
        outcome.histogram.add(recorder.getIntervalHistogram());
        outcome.extra = String.format(Locale.ROOT, " %s=%d %s_per_s=%.0f", sentName, sent.ops, sentName,
            sent.ops / ((outcome.endNanos - outcome.startNanos) / 1e9));
        return outcome;
    }

    /**
     * Writes a send time into the first eight bytes of a value (little-endian), where {@link #accept} reads it.
     *
     * @param value to stamp, at least eight bytes.
     * @param nanos {@link System#nanoTime()} at sending.
     */
    static void stamp(final byte[] value, final long nanos)
    {
        for (int i = 0; i < Long.BYTES; i++)
        {
            value[i] = (byte)(nanos >>> (8 * i));
        }
    }

    private static long sentNanos(final byte[] value)
    {
        long nanos = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--)
        {
            nanos = (nanos << 8) | (value[i] & 0xff);
        }
        return nanos;
    }

}
