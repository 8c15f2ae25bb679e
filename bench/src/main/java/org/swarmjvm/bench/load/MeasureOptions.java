package org.swarmjvm.bench.load;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * How a workload is measured, the same for every node: simulated clients, value size, warm-up, then a duration or
 * a request count, and where the latency histogram goes. The commands and {@link Measurement} read the fields.
 */
public final class MeasureOptions
{
    @Option(names = {"-c", "--connections"}, description = "simulated clients, one connection each " +
        "(listen, produce_consume: receiving connections) (default: ${DEFAULT-VALUE})")
    int connections = 50;

    @Option(names = {"-s", "--value-size"}, description = "bytes per value written (default: ${DEFAULT-VALUE})")
    int valueSize = 16;

    @Option(names = {"-d", "--duration"}, description = "seconds measured (default: ${DEFAULT-VALUE})")
    double durationSeconds = 10;

    @Option(names = "--count", description = "requests measured instead of a duration (0: use the duration)")
    long count;

    @Option(names = {"-w", "--warmup"}, description = "seconds of warm-up, not measured (default: ${DEFAULT-VALUE})")
    double warmupSeconds = 5;

    @Option(names = "--histogram", description = "write the latency histogram (HdrHistogram log) to this file")
    Path histogramFile;

    @Option(names = "--label", description = "name of the run in the RESULT line (default: the workload)")
    String label;

    @Option(names = {"-P", "--pipeline"}, description = "requests each connection sends at once before it waits " +
        "for their replies, as redis-benchmark -P (put, get, mixed, push, pop on one node) (default: ${DEFAULT-VALUE})")
    int pipeline = 1;

    @Option(names = "--server-pid", description = "process id of the node: its CPU time (user + system, from " +
        "/proc) over the measured phase, per request, goes into the RESULT line (0: not measured)")
    long serverPid;

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
        if (connections < 1 || valueSize < 1 || pipeline < 1 || durationSeconds < 0 || warmupSeconds < 0 ||
            count < 0 || serverPid < 0)
        {
            throw new IllegalArgumentException("connections, value size and pipeline must be positive, duration, " +
                "warm-up, count and server pid not negative");
        }
    }
}
