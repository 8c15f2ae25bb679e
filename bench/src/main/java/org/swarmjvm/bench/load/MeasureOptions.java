package org.swarmjvm.bench.load;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * How a workload is measured, the same for every node: simulated clients, value size, warm-up, then a duration or
 * a request count, and where the latency histogram goes.
 */
public final class MeasureOptions
{
    @Option(names = {"-c", "--connections"}, description = "simulated clients, one connection each " +
        "(listen, produce_consume: receiving connections) (default: ${DEFAULT-VALUE})")
    private int connections = 50;

    @Option(names = {"-s", "--value-size"}, description = "bytes per value written (default: ${DEFAULT-VALUE})")
    private int valueSize = 16;

    @Option(names = {"-d", "--duration"}, description = "seconds measured (default: ${DEFAULT-VALUE})")
    private double durationSeconds = 10;

    @Option(names = "--count", description = "requests measured instead of a duration (0: use the duration)")
    private long count;

    @Option(names = {"-w", "--warmup"}, description = "seconds of warm-up, not measured (default: ${DEFAULT-VALUE})")
    private double warmupSeconds = 5;

    @Option(names = "--histogram", description = "write the latency histogram (HdrHistogram log) to this file")
    private Path histogramFile;

    @Option(names = "--label", description = "name of the run in the RESULT line (default: the workload)")
    private String label;

    /**
     * @return simulated clients.
     */
    public int connections()
    {
        return connections;
    }

    /**
     * @return bytes per value written.
     */
    public int valueSize()
    {
        return valueSize;
    }

    /**
     * @return seconds measured when no count is given.
     */
    public double durationSeconds()
    {
        return durationSeconds;
    }

    /**
     * @return requests measured, or 0 to measure for the duration.
     */
    public long count()
    {
        return count;
    }

    /**
     * @return seconds of warm-up.
     */
    public double warmupSeconds()
    {
        return warmupSeconds;
    }

    /**
     * @return the histogram log to write, or {@code null}.
     */
    public Path histogramFile()
    {
        return histogramFile;
    }

    /**
     * @param workload name of the workload.
     * @return the label given, else the workload's name.
     */
    public String label(final String workload)
    {
        return null == label ? workload : label;
    }

    /**
     * @throws IllegalArgumentException when a setting is out of range.
     */
    public void check()
    {
        if (connections < 1 || valueSize < 1 || durationSeconds < 0 || warmupSeconds < 0 || count < 0)
        {
            throw new IllegalArgumentException("connections and value size must be positive, duration, warm-up and " +
                "count not negative");
        }
    }
}
