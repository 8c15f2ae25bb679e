package org.swarmjvm.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints an HdrHistogram of latencies in nanoseconds as a percentile table in microseconds, and writes it to a
 * histogram log file that HdrHistogram's tools (HistogramLogProcessor, the online plotter) read.
 */
final class LatencyTable
{
    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9};
    private static final double NANOS_PER_MICRO = 1_000.0;

    private LatencyTable()
    {
    }

    /**
     * @param title     of the table.
     * @param histogram latencies in nanoseconds.
     * @param out       to print to.
     */
    static void print(final String title, final Histogram histogram, final PrintStream out)
    {
        out.printf(Locale.ROOT, "%s latency, microseconds (%,d samples)%n", title, histogram.getTotalCount());
        out.printf(Locale.ROOT, "  %-8s %12s%n", "p", "us");
        for (final double percentile : PERCENTILES)
        {
            out.printf(Locale.ROOT, "  %-8s %12.1f%n", label(percentile),
                histogram.getValueAtPercentile(percentile) / NANOS_PER_MICRO);
        }
        out.printf(Locale.ROOT, "  %-8s %12.1f%n", "max", histogram.getMaxValue() / NANOS_PER_MICRO);
        out.printf(Locale.ROOT, "  %-8s %12.1f%n", "mean", histogram.getMean() / NANOS_PER_MICRO);
    }

    /**
     * @param histogram latencies in nanoseconds.
     * @param percentile 0 to 100.
     * @return the latency at the percentile in microseconds.
     */
    static double micros(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
    }

    /**
     * Writes the histogram as an HdrHistogram log (one interval: the measurement).
     *
     * @param histogram latencies in nanoseconds.
     * @param file      to write.
     */
    static void write(final Histogram histogram, final Path file)
    {
        try (PrintStream out = new PrintStream(file.toFile(), StandardCharsets.US_ASCII))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("latencies in nanoseconds");
            writer.outputLogFormatVersion();
            writer.outputStartTime(histogram.getStartTimeStamp());
            writer.outputLegend();
            writer.outputIntervalHistogram(histogram);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    private static String label(final double percentile)
    {
        return percentile == Math.rint(percentile) ? "p" + (int)percentile : "p" + percentile;
    }
}
