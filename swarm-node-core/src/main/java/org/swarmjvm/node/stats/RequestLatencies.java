package org.swarmjvm.node.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.function.LongSupplier;

/**
 * Handled-time histograms per command code (HdrHistogram). The poller thread, the one writer, records into a
 * {@link SingleWriterRecorder} per command, which allocates nothing, never blocks and counts without the atomic
 * increments a recorder for many writers makes on every value; readers (the stats line, the metrics endpoint) drain the
 * recorders under this object's lock into two views:
 * <ul>
 *     <li>the stats interval: everything since the last stats line, reset by {@link #resetInterval(int)};</li>
 *     <li>a sliding window of the last {@value #WINDOW_SLOTS} × {@value #SLOT_SECONDS} s, for the metrics
 *     quantiles, kept as a ring of per-slot histograms so an old burst ages out.</li>
 * </ul>
 * A record lands in the window slot current when it is drained: by a read, and by {@link #drainAll()}, which
 * the metrics endpoint runs every slot.
 * <p>
 * Values are nanoseconds from 1 µs (finer values count as 1 µs) to one hour (longer ones, such as a Listen stream
 * kept open for a day, count as one hour), with two significant digits: each figure is within 1 % of the truth.
 */
public final class RequestLatencies
{
    /** Slots of the sliding window. */
    public static final int WINDOW_SLOTS = 6;
    /** Seconds covered by one slot: the window spans the last 50 to 60 seconds. */
    public static final int SLOT_SECONDS = 10;
    /** Smallest distinguished value: 1 µs. */
    public static final long LOWEST_NANOS = 1_000;
    /** Largest value recorded; longer times are recorded as this. */
    public static final long HIGHEST_NANOS = 3_600_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 2;
    private static final long SLOT_MILLIS = SLOT_SECONDS * 1000L;

    private final SingleWriterRecorder[] recorders;
    private final Histogram[] drained;
    private final Histogram[] interval;
    private final Histogram[][] slots;
    private final long[][] slotNumbers;
    private final LongSupplier clockMillis;

    /**
     * @param commandNames name of each command code, {@code null} where there is none (nothing is kept for it).
     * @param clockMillis  a monotonic clock in milliseconds, which moves the window.
     */
    public RequestLatencies(final String[] commandNames, final LongSupplier clockMillis)
    {
        final int codes = commandNames.length;
        this.recorders = new SingleWriterRecorder[codes];
        this.drained = new Histogram[codes];
        this.interval = new Histogram[codes];
        this.slots = new Histogram[codes][];
        this.slotNumbers = new long[codes][];
        this.clockMillis = clockMillis;
        for (int code = 0; code < codes; code++)
        {
            if (null != commandNames[code])
            {
                recorders[code] = new SingleWriterRecorder(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
                interval[code] = newHistogram();
                slots[code] = new Histogram[WINDOW_SLOTS];
                slotNumbers[code] = new long[WINDOW_SLOTS];
                for (int slot = 0; slot < WINDOW_SLOTS; slot++)
                {
                    slots[code][slot] = newHistogram();
                    slotNumbers[code][slot] = -1;
                }
            }
        }
    }

    /**
     * @return an empty histogram of the layout every view uses, for {@link #windowInto(int, Histogram)}.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    /**
     * Records one request's handled time; called by the poller thread only, allocates nothing.
     *
     * @param command      code of the request.
     * @param elapsedNanos its handled time.
     */
    public void record(final int command, final long elapsedNanos)
    {
        final SingleWriterRecorder recorder = command < recorders.length ? recorders[command] : null;
        if (null != recorder)
        {
            recorder.recordValue(Math.min(Math.max(elapsedNanos, 0), HIGHEST_NANOS));
        }
    }

    /**
     * @param command code.
     * @return whether times are kept for this code.
     */
    public boolean isTracked(final int command)
    {
        return command >= 0 && command < recorders.length && null != recorders[command];
    }

    /**
     * @param command    a tracked code.
     * @param percentile 0 to 100.
     * @return the value at that percentile of the current stats interval, in nanoseconds; 0 when empty.
     */
    public synchronized long intervalValueAtPercentile(final int command, final double percentile)
    {
        drain(command);
        final Histogram histogram = interval[command];
        return 0 == histogram.getTotalCount() ? 0 : histogram.getValueAtPercentile(percentile);
    }

    /**
     * @param command a tracked code.
     * @return the largest value of the current stats interval, in nanoseconds; 0 when empty.
     */
    public synchronized long intervalMax(final int command)
    {
        drain(command);
        final Histogram histogram = interval[command];
        return 0 == histogram.getTotalCount() ? 0 : histogram.getMaxValue();
    }

    /**
     * Starts a new stats interval for a command.
     *
     * @param command a tracked code.
     */
    public synchronized void resetInterval(final int command)
    {
        drain(command);
        interval[command].reset();
    }

    /**
     * Copies the sliding window of a command into a histogram.
     *
     * @param command a tracked code.
     * @param into    made by {@link #newHistogram()}; reset first.
     */
    public synchronized void windowInto(final int command, final Histogram into)
    {
        drain(command);
        into.reset();
        final long current = clockMillis.getAsLong() / SLOT_MILLIS;
        final Histogram[] commandSlots = slots[command];
        final long[] numbers = slotNumbers[command];
        for (int slot = 0; slot < WINDOW_SLOTS; slot++)
        {
            if (numbers[slot] > current - WINDOW_SLOTS)
            {
                into.add(commandSlots[slot]);
            }
        }
    }

    /**
     * Moves what the recorders hold into the views now, so each record lands in the window slot of about the time
     * it was made; the metrics endpoint calls this once per slot.
     */
    public synchronized void drainAll()
    {
        for (int code = 0; code < recorders.length; code++)
        {
            if (null != recorders[code])
            {
                drain(code);
            }
        }
    }

    private void drain(final int command)
    {
        final Histogram sample = recorders[command].getIntervalHistogram(drained[command]);
        drained[command] = sample;
        interval[command].add(sample);
        final long current = clockMillis.getAsLong() / SLOT_MILLIS;
        final int slot = (int)(current % WINDOW_SLOTS);
        if (slotNumbers[command][slot] != current)
        {
            slots[command][slot].reset();
            slotNumbers[command][slot] = current;
        }
        slots[command][slot].add(sample);
    }
}
