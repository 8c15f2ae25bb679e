package org.swarmjvm.bench.load;

import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times a DHT node's start, from exec to its first answer to a Put that creates a channel, as many times as asked,
 * and prints the medians: wall time and the node's CPU time (user + system) at that answer, and, with
 * {@code --loaded-line}, the time at which the node logged a line, with the figure that line gives.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
    description = "Start a DHT node, time it to its first answer, stop it; repeat.")
public final class StartupCommand implements Runnable
{
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 5;
    private static final byte[] PROBE_VALUE = "startup".getBytes(StandardCharsets.US_ASCII);

    @Option(names = "--dir", required = true, description = "the node's working directory; its output goes to " +
        "log/root.log there")
    private Path dir;

    @Option(names = "--port", required = true, description = "the node's port on 127.0.0.1")
    private int port;

    @Option(names = "--runs", description = "starts to time (default: ${DEFAULT-VALUE})")
    private int runs = 3;

    @Option(names = "--channel", description = "channel the probe Put creates (default: ${DEFAULT-VALUE})")
    private String channel = "startup-probe";

    @Option(names = "--loaded-line", description = "regular expression of a log line to time; its first group, " +
        "if any, is reported as the node's own figure")
    private Pattern loadedLine;

    @Option(names = "--label", description = "name of the run in the RESULT line (default: ${DEFAULT-VALUE})")
    private String label = "startup";

    @Option(names = "--stop", description = "how each start ends: KILL (SIGKILL, nothing saved) or TERM (SIGTERM: " +
        "the node dumps its channels and exits cleanly, when the JVM writes a class-data archive it was asked to " +
        "make) (default: ${DEFAULT-VALUE})")
    private Stop stop = Stop.KILL;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the node's command line, after --")
    private List<String> command;

    @Override
    public void run()
    {
        final List<Start> starts = new ArrayList<>();
        for (int run = 1; run <= runs; run++)
        {
            final Start start = startOnce();
            System.out.printf(Locale.ROOT, "startup %d: first answer %d ms, node CPU %d ms%s%n", run,
                start.answerMillis, start.cpuMillis, null == loadedLine ? "" : String.format(Locale.ROOT,
                    ", logged the loaded line at %d ms (its figure %s)", start.loadedMillis, start.loadedFigure));
            starts.add(start);
        }
        final Start last = starts.get(starts.size() - 1);
        System.out.printf(Locale.ROOT, "RESULT label=%s runs=%d ready_ms=%d ready_cpu_ms=%d%s rss_kb=%d%n", label,
            runs, median(starts, Start::answerMillis), median(starts, Start::cpuMillis),
            null == loadedLine ? "" : String.format(Locale.ROOT, " loaded_ms=%d load_ms=%d",
                median(starts, Start::loadedMillis), median(starts, Start::loadedFigure)), last.rssKb);
    }

    private Start startOnce()
    {
        final Path log = dir.resolve("log").resolve("root.log");
        try
        {
            Files.createDirectories(log.getParent());
            final long started = System.nanoTime();
            final Process node = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            final Start start = new Start();
            try
            {
                probe(node, log, started, start);
                start.answerMillis = (System.nanoTime() - started) / 1_000_000;
                start.cpuMillis = (long)(Measurement.cpuTicks(node.pid()) * 1000 / Measurement.CLOCK_TICKS_PER_SECOND);
                start.rssKb = rssKb(node.pid());
                if (null != loadedLine)
                {
                    awaitLoadedLine(node, log, started, start);
                }
            }
            finally
            {
                if (Stop.TERM == stop)
                {
                    node.destroy();
                }
                else
                {
                    node.destroyForcibly();
                }
                node.waitFor();
            }
            return start;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * Puts one record into a new channel, retrying until the node answers; meanwhile watches the log.
     */
    private void probe(final Process node, final Path log, final long started, final Start start)
        throws InterruptedException, IOException
    {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        final DhtClientContext context = new DhtClientContext().connectionsPerNode(1)
            .connectTimeout(Duration.ofSeconds(1)).readTimeout(DEADLINE);
        while (true)
        {
            try (DhtClient client = DhtClient.connect(List.of(new NodeAddress("127.0.0.1", port)), context))
            {
                client.put(channel, 0, PROBE_VALUE);
                return;
            }
            catch (final RuntimeException ex)
            {
                if (!node.isAlive())
                {
                    throw new IllegalStateException("the node exited with " + node.exitValue() + " before it " +
                        "answered: see " + dir.resolve("log/root.log"), ex);
                }
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the node did not answer within " + DEADLINE, ex);
                }
                watchLog(log, started, start);
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private void awaitLoadedLine(final Process node, final Path log, final long started, final Start start)
        throws InterruptedException, IOException
    {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        watchLog(log, started, start);
        while (start.loadedMillis < 0 && node.isAlive() && System.nanoTime() < deadline)
        {
            Thread.sleep(POLL_MILLIS);
            watchLog(log, started, start);
        }
        if (start.loadedMillis < 0)
        {
            throw new IllegalStateException("the node answered but never logged a line matching " + loadedLine);
        }
    }

    /**
     * Notes when the log first holds the loaded line (to within a poll), and the figure it gives.
     */
    private void watchLog(final Path log, final long started, final Start start) throws IOException
    {
        if (null == loadedLine || start.loadedMillis >= 0)
        {
            return;
        }
        final long at = (System.nanoTime() - started) / 1_000_000;
        for (final String line : Files.readAllLines(log, StandardCharsets.UTF_8))
        {
            final Matcher matcher = loadedLine.matcher(line);
            if (matcher.find())
            {
                start.loadedMillis = at;
                start.loadedFigure = matcher.groupCount() > 0 ? Long.parseLong(matcher.group(1).replace(",", "")) : at;
                return;
            }
        }
    }

    private static long rssKb(final long pid) throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
        {
            if (line.startsWith("VmRSS:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static long median(final List<Start> starts, final ToLongFunction<Start> figure)
    {
        final long[] values = starts.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }

    /**
     * How a start ends.
     */
    enum Stop
    {
        /** SIGKILL. */
        KILL,
        /** SIGTERM. */
        TERM
    }

    /**
     * The figures of one start.
     */
    private static final class Start
    {
        private long answerMillis;
        private long cpuMillis;
        private long rssKb;
        private long loadedMillis = -1;
        private long loadedFigure;

        long answerMillis()
        {
            return answerMillis;
        }

        long cpuMillis()
        {
            return cpuMillis;
        }

        long loadedMillis()
        {
            return loadedMillis;
        }

        long loadedFigure()
        {
            return loadedFigure;
        }
    }
}
