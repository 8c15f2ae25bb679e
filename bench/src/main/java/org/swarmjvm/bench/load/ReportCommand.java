package org.swarmjvm.bench.load;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run's results (the {@code RESULT} lines of the load tool and of scripts/bench, JMH's CSV, the machine
 * facts) into docs/PERFORMANCE.md and the data files the plots are drawn from, and prints the table. Figures that
 * were not measured in the run are shown as not measured, never filled in.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write docs/PERFORMANCE.md from the results of scripts/bench.")
public final class ReportCommand implements Runnable
{
    private static final String NOT_MEASURED = "not measured";
    private static final double TARGET_GETALL_MB_PER_S = 500;
    private static final double TARGET_MEMORY_FACTOR = 1.3;
    private static final int TARGET_MEMORY_OVERHEAD = 16;
    private static final double TARGET_TCM_SECONDS = 3;
    private static final double TARGET_STARTUP_SECONDS = 1;
    private static final double TARGET_LOGFILES_PUT_SHARE_OF_DD = 0.8;
    private static final double TARGET_PIPELINED_SHARE_OF_REDIS = 0.8;
    private static final double TARGET_PIPELINED_CPU_US = 2.0;
    private static final double TARGET_COMPRESSED_MEMORY_SHARE = 0.5;
    /** Requests each connection sends at once in the pipelined runs, as redis-benchmark -P 16. */
    private static final int PIPELINE = 16;
    private static final double GIB = 1L << 30;

    @Option(names = "--results", required = true, description = "RESULT lines")
    private Path resultsFile;

    @Option(names = "--jmh", description = "JMH results as CSV")
    private Path jmhFile;

    @Option(names = "--facts", description = "machine facts, one per line")
    private Path factsFile;

    @Option(names = "--markdown", required = true, description = "the page to write")
    private Path markdownFile;

    @Option(names = "--plot-data", description = "folder for scaling.dat and memory.dat")
    private Path plotData;

    private static final String COMPARE_HEADER = "| workload | connections | value | ours req/s | Redis req/s | " +
        "ours / Redis | server CPU us/req ours / Redis | ours p50 / p99 / max us | Redis p50 / p99 / max us |";
    private static final String LEASE_HEADER = "| workload | connections | value | ours jobs/s | Redis jobs/s | " +
        "ours / Redis | server CPU us/job ours / Redis | ours p50 / p99 / max us | Redis p50 / p99 / max us |";
    /**
     * Sections after this line are written by runs of their own (scripts/elastic-test --full): a new page keeps the
     * old page's lines from it on, so that regenerating the figures of scripts/bench does not drop theirs.
     */
    private static final String KEPT_SECTIONS =
        "<!-- The sections below come from runs of their own; scripts/bench keeps them. -->";
    private static final String CPU_NOTE = "Server CPU per request: the server process's user + system time " +
        "(from /proc) over the measured phase, divided by the requests measured.";

    private final Map<String, Map<String, String>> results = new LinkedHashMap<>();
    private final StringBuilder page = new StringBuilder();

    @Override
    public void run()
    {
        try
        {
            readResults();
            writePage();
            appendKeptSections();
            Files.writeString(markdownFile, page);
            System.out.print(page);
            if (null != plotData)
            {
                writePlotData();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void appendKeptSections() throws IOException
    {
        if (!Files.exists(markdownFile))
        {
            return;
        }
        final String old = Files.readString(markdownFile);
        final int kept = old.indexOf(KEPT_SECTIONS);
        if (kept >= 0)
        {
            page.append('\n').append(old, kept, old.length());
        }
    }

    private void readResults() throws IOException
    {
        for (final String line : Files.readAllLines(resultsFile))
        {
            if (!line.startsWith("RESULT "))
            {
                continue;
            }
            final Map<String, String> fields = new LinkedHashMap<>();
            for (final String field : line.substring("RESULT ".length()).trim().split("\\s+"))
            {
                final int equals = field.indexOf('=');
                if (equals > 0)
                {
                    fields.put(field.substring(0, equals), field.substring(equals + 1));
                }
            }
            if (fields.containsKey("label"))
            {
                results.put(fields.get("label"), fields);
            }
        }
    }

    private void writePage() throws IOException
    {
        line("# Performance");
        line("");
        line("Measured by `scripts/bench` (`scripts/bench --quick` for the short profile): our nodes beside ");
        line("their peers (the DHT and the queue node beside Redis, the logfiles node beside `dd` on the same ");
        line("disk), in the same run on the same machine, each on 127.0.0.1 with the load generator on the same ");
        line("cores. Every figure below comes from the run described here; a figure the run did not measure says ");
        line("so. Generated file: run the script again to replace it.");
        line("");
        line("## Machine and run");
        line("");
        if (null != factsFile && Files.exists(factsFile))
        {
            for (final String fact : Files.readAllLines(factsFile))
            {
                line("- " + fact);
            }
        }
        line("");
        line("Clients and servers share the same two cores, so every end-to-end figure is what is left after the " +
            "client's own work; the load averages above say how busy the machine was besides.");
        line("");
        targets();
        readingNotes();
        sideBySide();
        scaling();
        queueSideBySide();
        leasedDelivery();
        logfilesSideBySide();
        otherFigures();
        memory();
        compression();
        tcmLoad();
        jmh();
        method();
    }

    private void targets()
    {
        line("## Targets");
        line("");
        line("| target | measured | verdict |");
        line("|---|---|---|");
        for (final int size : new int[]{16, 1024})
        {
            atLeastRatio("DHT Put at 50 connections >= Redis SET at 50 (" + size + " B values)",
                "put-" + size + "-c50", "redis-set-" + size + "-c50");
            atLeastRatio("DHT Get at 50 connections >= Redis GET at 50 (" + size + " B values)",
                "get-" + size + "-c50", "redis-get-" + size + "-c50");
        }
        pipelinedTarget("DHT Put", "put-16-c50-p16", "redis-set-16-c50-p16");
        pipelinedTarget("DHT Get", "get-16-c50-p16", "redis-get-16-c50-p16");
        pipelinedTarget("queue Push", "queue-push-16-c50-p16", "redis-lpush-16-c50-p16");
        pipelinedTarget("queue Pop", "queue-pop-16-c50-p16", "redis-rpop-16-c50-p16");
        final Map<String, String> getAll = results.get("getall-1024");
        if (null == getAll)
        {
            row("GetAll >= 500 MB/s of payload", NOT_MEASURED, "-");
        }
        else
        {
            final double mbPerS = number(getAll, "mb_per_s");
            row(format("GetAll >= 500 MB/s of payload (%s records, 1 KiB values)", count(getAllRecords(getAll))),
                format("%.0f MB/s", mbPerS),
                verdictAtLeast(mbPerS, TARGET_GETALL_MB_PER_S));
        }
        for (final Map<String, String> memory : memoryRows())
        {
            final int size = (int)number(memory, "value_size");
            final long records = (long)number(memory, "records");
            final double perRecord = bytesPerRecord(memory);
            final double limit = memoryLimit(size);
            row(format("DHT memory <= 1.3 x (key + value + 16 B) per record (%s records, %d B values)",
                count(records), size), format("%.0f B/record (limit %.0f)", perRecord, limit),
                verdictAtMost(perRecord, limit));
        }
        if (memoryRows().stream().noneMatch(m -> number(m, "records") >= 10_000_000))
        {
            row("DHT memory <= 1.3 x (key + value + 16 B) per record (10M records)", NOT_MEASURED +
                " (skipped by --quick)", "-");
        }
        compressionTarget();
        final Map<String, String> startup = results.get("startup-empty");
        if (null == startup)
        {
            row("Empty DHT node serving in <= 1 s (exec to its answer to a Put creating a channel)", NOT_MEASURED,
                "-");
        }
        else
        {
            final double seconds = number(startup, "ready_ms") / 1000;
            row("Empty DHT node serving in <= 1 s (exec to its answer to a Put creating a channel)",
                format("%.2f s, node CPU %.2f s (median of %s starts)", seconds,
                    number(startup, "ready_cpu_ms") / 1000, startup.get("runs")),
                verdictAtMost(seconds, TARGET_STARTUP_SECONDS));
        }
        final Map<String, String> tcm = results.get("tcm-load");
        if (null == tcm)
        {
            row("1 GiB .tcm loaded in <= 3 s", NOT_MEASURED, "-");
        }
        else if (number(tcm, "file_bytes") < GIB * 0.9)
        {
            final double seconds = tcmSecondsPerGib(tcm);
            row("1 GiB .tcm loaded in <= 3 s (exec to serving)", format("%.1f s for a %.0f MiB file: %.1f s " +
                "per GiB (the loader's time scaled, the rest not)", number(tcm, "ready_ms") / 1000,
                number(tcm, "file_bytes") / (1 << 20), seconds), verdictAtMost(seconds, TARGET_TCM_SECONDS));
        }
        else
        {
            final double seconds = number(tcm, "ready_ms") / 1000;
            row("1 GiB .tcm loaded in <= 3 s (exec to serving)", format("%.1f s, node CPU %.1f s (median of %s " +
                "starts)", seconds, number(tcm, "ready_cpu_ms") / 1000, tcm.get("runs")),
                verdictAtMost(seconds, TARGET_TCM_SECONDS));
        }
        logfilesPutTarget();
        for (final String scan : new String[]{"getrange", "getall"})
        {
            final String name = "getrange".equals(scan) ? "GetRange" : "GetAll";
            final List<Map<String, String>> runs = withPrefix("logfiles-" + scan + "-");
            if (runs.isEmpty())
            {
                row("logfiles " + name + " of a whole channel >= 500 MB/s", NOT_MEASURED, "-");
            }
            for (final Map<String, String> run : runs)
            {
                final double mbPerS = number(run, "mb_per_s");
                row(format("logfiles %s of a whole channel >= 500 MB/s (%s B values, %s)", name,
                    run.get("value_size"), run.getOrDefault("cache", "-").replace('_', ' ')),
                    format("%.0f MB/s", mbPerS), verdictAtLeast(mbPerS, TARGET_GETALL_MB_PER_S));
            }
        }
        line("");
    }

    private void compressionTarget()
    {
        final String target = "DHT memory with LZ4 <= 0.5 x without (1 KiB JSON-like values)";
        final Map<String, String> none = results.get(compressionLabel("json", "none"));
        final Map<String, String> lz4 = results.get(compressionLabel("json", "lz4"));
        if (!bothMeasured(target, none, lz4))
        {
            return;
        }
        final double ratio = bytesPerRecord(lz4) / bytesPerRecord(none);
        row(target, format("%.0f vs %.0f B/record (%.2f x, %s records)", bytesPerRecord(lz4), bytesPerRecord(none),
            ratio, count(number(lz4, "records"))), verdictAtMost(ratio, TARGET_COMPRESSED_MEMORY_SHARE));
    }

    private static String compressionLabel(final String values, final String compression)
    {
        return "compression-" + values + "-" + compression;
    }

    private void pipelinedTarget(final String workload, final String ours, final String peer)
    {
        final String target = format("%s, %d pipelined per connection, 16 B: >= %.1f x Redis's rate and <= %.0f us " +
            "node CPU per request", workload, PIPELINE, TARGET_PIPELINED_SHARE_OF_REDIS, TARGET_PIPELINED_CPU_US);
        final Rates rates = rates(target, ours, peer);
        if (null == rates)
        {
            return;
        }
        final double cpu = number(rates.ourRow(), "server_cpu_us_per_op");
        final String rate = verdictAtLeast(rates.ours(), TARGET_PIPELINED_SHARE_OF_REDIS * rates.peers());
        final String time = verdictAtMost(cpu, TARGET_PIPELINED_CPU_US);
        row(target, format("%s, %.2f us per request (Redis %.2f)", rates, cpu,
            number(rates.peerRow(), "server_cpu_us_per_op")),
            "met".equals(rate) && "met".equals(time) ? "met" : "rate " + rate + ", CPU " + time);
    }

    private void logfilesPutTarget()
    {
        final String target = "logfiles PutBatch of 1 KiB records >= 80 % of dd write bandwidth (same disk, both " +
            "synced to it)";
        final Map<String, String> dd = results.get("dd-write");
        final Map<String, String> batch = results.get("logfiles-putbatch-1024-c16");
        if (!bothMeasured(target, batch, dd))
        {
            return;
        }
        final double synced = number(batch, "synced_mb_per_s");
        final double write = number(dd, "mb_per_s");
        row(target, format("%.0f MB/s to the disk (%.0f MB/s acknowledged) vs %.0f MB/s: %.0f %% of dd", synced,
            number(batch, "mb_per_s"), write, 100 * synced / write),
            verdictAtLeast(synced, TARGET_LOGFILES_PUT_SHARE_OF_DD * write));
    }

    private static double tcmSecondsPerGib(final Map<String, String> tcm)
    {
        final double ready = number(tcm, "ready_ms") / 1000;
        final double loader = number(tcm, "load_ms") / 1000;
        return ready - loader + loader * GIB / number(tcm, "file_bytes");
    }

    private void readingNotes() throws IOException
    {
        line("## Reading the figures");
        line("");
        line("- The ratios ours / Redis come from the same minutes of the same machine; they are the figures to " +
            "compare. Absolute rates depend on how busy the machine was (load averages above).");
        final double small = jmhScore("RecordBatchEncodeBenchmark.encode:bytes", "16");
        final double large = jmhScore("RecordBatchEncodeBenchmark.encode:bytes", "1024");
        if (!Double.isNaN(small) && !Double.isNaN(large) && small < large / 4)
        {
            line(format("- LZO1X compression of a 64 KiB batch of 16-byte records runs at %.1f MB/s, of 1 KiB " +
                "records at %.1f MB/s (RecordBatchEncodeBenchmark): the compressor is slow on the batch layout of " +
                "many short entries (zero-filled 8-byte length prefixes between hex keys and short values). " +
                "PutBatch fills and GetAll of small compressible values are bound by it. The load's values are " +
                "random: the logfiles node sends a scan's batch whose first 4 KiB do not compress as one LZO " +
                "literal run, so its scan rows are not bound by the compressor; the GetAll target is measured with " +
                "1 KiB values.", small / 1e6, large / 1e6));
        }
        final Map<String, String> tcm = results.get("tcm-load");
        if (null != tcm)
        {
            line(format("- The start-up and .tcm figures are the load tool's own timing, from exec to the node's " +
                "answer to a Put that creates a channel, the median of several starts; the .tcm one's loader time is " +
                "the node's own log line for loading the dump (%.1f s of the %.1f s).", number(tcm, "load_ms") / 1000,
                number(tcm, "ready_ms") / 1000));
        }
        line("");
    }

    private double jmhScore(final String benchmark, final String param) throws IOException
    {
        if (null == jmhFile || !Files.exists(jmhFile))
        {
            return Double.NaN;
        }
        for (final String row : Files.readAllLines(jmhFile))
        {
            final List<String> cells = csv(row);
            if (cells.size() > 7 && cells.get(0).endsWith(benchmark) && cells.get(7).equals(param))
            {
                return parse(cells.get(4));
            }
        }
        return Double.NaN;
    }

    private void atLeastRatio(final String target, final String ours, final String peer)
    {
        final Rates rates = rates(target, ours, peer);
        if (null != rates)
        {
            row(target, rates.toString(), verdictAtLeast(rates.ours(), rates.peers()));
        }
    }

    /**
     * @return the two rows' rates, or null when one of them was not measured (the target's row then says so).
     */
    private Rates rates(final String target, final String ours, final String peer)
    {
        final Map<String, String> o = results.get(ours);
        final Map<String, String> p = results.get(peer);
        return bothMeasured(target, o, p) ? new Rates(o, p) : null;
    }

    /**
     * Our row and the peer's, compared by their request rates.
     */
    private record Rates(Map<String, String> ourRow, Map<String, String> peerRow)
    {
        double ours()
        {
            return number(ourRow, "ops_per_s");
        }

        double peers()
        {
            return number(peerRow, "ops_per_s");
        }

        /**
         * @return {@code <ours>/s vs <peer's>/s (<ratio> x)}.
         */
        @Override
        public String toString()
        {
            return format("%s/s vs %s/s (%.2f x)", count(ours()), count(peers()), ours() / peers());
        }
    }

    private void sideBySide()
    {
        line("## DHT node and Redis, side by side");
        line("");
        line("Closed loop, one request in flight per connection (or, in the pipelined rows, " + PIPELINE +
            " requests sent at once and their replies awaited, as `redis-benchmark -P " + PIPELINE + "`); keys " +
            "drawn at random from 100,000, all present for Get/GET. " + CPU_NOTE);
        line("");
        line(COMPARE_HEADER);
        line("|---|---|---|---|---|---|---|---|---|");
        for (final int size : new int[]{16, 1024})
        {
            compare("Put vs SET", 50, size, "put-" + size + "-c50", "redis-set-" + size + "-c50");
            compare("Get vs GET", 50, size, "get-" + size + "-c50", "redis-get-" + size + "-c50");
        }
        compare("Put vs SET, " + PIPELINE + " pipelined", 50, 16, "put-16-c50-p16", "redis-set-16-c50-p16");
        compare("Get vs GET, " + PIPELINE + " pipelined", 50, 16, "get-16-c50-p16", "redis-get-16-c50-p16");
        line("");
    }

    /**
     * @return whether both results of a target's row were measured; if not, the row says so.
     */
    private boolean bothMeasured(final String target, final Map<String, String> first, final Map<String, String> second)
    {
        if (null == first || null == second)
        {
            row(target, NOT_MEASURED, "-");
            return false;
        }
        return true;
    }

    private void compare(final String workload, final int connections, final int size, final String ours,
        final String peer)
    {
        final Map<String, String> o = results.get(ours);
        final Map<String, String> p = results.get(peer);
        line(format("| %s | %d | %d B | %s | %s | %s | %s / %s | %s | %s |", workload, connections, size,
            null == o ? NOT_MEASURED : count(number(o, "ops_per_s")),
            null == p ? NOT_MEASURED : count(number(p, "ops_per_s")),
            null == o || null == p ? "-" : format("%.2f", number(o, "ops_per_s") / number(p, "ops_per_s")),
            cpuPerRequest(o), cpuPerRequest(p), latencies(o), latencies(p)));
    }

    /**
     * @return the server's CPU time per request in microseconds, "-" when the run did not sample it.
     */
    private static String cpuPerRequest(final Map<String, String> result)
    {
        final double micros = number(result, "server_cpu_us_per_op");
        return Double.isNaN(micros) ? "-" : format("%.2f", micros);
    }

    private void scaling()
    {
        final List<Integer> points = connectionPoints();
        line("## Throughput from 1 to 500 connections");
        line("");
        line("Get, 16-byte values. ![throughput by connections](scaling.png)");
        line("");
        line("| connections | ours req/s | Redis GET/s | ours / Redis | server CPU us/req ours / Redis | " +
            "ours p99 us | Redis p99 us |");
        line("|---|---|---|---|---|---|---|");
        for (final int connections : points)
        {
            final Map<String, String> o = results.get("scale-get-16-c" + connections);
            final Map<String, String> p = results.get("redis-scale-get-16-c" + connections);
            line(format("| %d | %s | %s | %s | %s / %s | %s | %s |", connections,
                null == o ? NOT_MEASURED : count(number(o, "ops_per_s")),
                null == p ? NOT_MEASURED : count(number(p, "ops_per_s")),
                null == o || null == p ? "-" : format("%.2f", number(o, "ops_per_s") / number(p, "ops_per_s")),
                cpuPerRequest(o), cpuPerRequest(p),
                null == o ? "-" : format("%.0f", number(o, "p99_us")),
                null == p ? "-" : format("%.0f", number(p, "p99_us"))));
        }
        line("");
    }

    private void queueSideBySide()
    {
        line("## Queue node and Redis lists, side by side");
        line("");
        line("Push beside LPUSH, Pop beside RPOP, closed loop, one request in flight per connection. Pop takes as " +
            "many records as Push measured, from the channel Push filled (Push's warm-up left more), as RPOP takes " +
            "what LPUSH pushed. Our node runs with its shipped default `crash_safe = true` (rings in memory-mapped " +
            "files); Redis keeps its lists in memory only. The pipelined rows send " + PIPELINE + " requests at " +
            "once per connection, as `redis-benchmark -P " + PIPELINE + "`; their Pop has no warm-up. " + CPU_NOTE);
        line("");
        final List<Integer> sizes = sideBySideTable(COMPARE_HEADER, "queue-push-", "Push vs LPUSH, Pop vs RPOP");
        for (final int size : sizes)
        {
            compare("Push vs LPUSH", 50, size, "queue-push-" + size + "-c50", "redis-lpush-" + size + "-c50");
            compare("Pop vs RPOP", 50, size, "queue-pop-" + size + "-c50", "redis-rpop-" + size + "-c50");
        }
        compare("Push vs LPUSH, " + PIPELINE + " pipelined", 50, 16, "queue-push-16-c50-p16",
            "redis-lpush-16-c50-p16");
        compare("Pop vs RPOP, " + PIPELINE + " pipelined", 50, 16, "queue-pop-16-c50-p16", "redis-rpop-16-c50-p16");
        line("");
        final Map<String, String> stream = results.get("queue-produce-consume-1024");
        line(format("Produce to Consume (no peer run): one Produce stream feeding one Consume stream, 1 KiB records, " +
            "at most 1,000 records produced and not yet consumed: %s; latency from produce to consume p50 / p90 / " +
            "p99 / p99.9 / max %s us.", null == stream ? NOT_MEASURED : format("%s records/s (%.0f MB/s)",
            count(number(stream, "ops_per_s")), number(stream, "mb_per_s")), fullLatencies(stream)));
        line("");
    }

    private void leasedDelivery()
    {
        line("## Leased delivery: Take + Ack beside neo Pop and Redis LMOVE + LREM");
        line("");
        line("A worker's job at least once: a neo Take under a lease, then the Ack of the record taken, two " +
            "requests in a closed loop per connection (`QueueNeoClient`, one per connection, on the neo port), " +
            "beside a neo Pop (at most once, one request) and Redis's reliable-queue pattern, LMOVE of the job to " +
            "a processing list then LREM of it from there. Take + Ack and Pop each take as many records as a Push " +
            "of the run's duration stored; Redis runs LMOVE over a list of the run's request count, then LREM " +
            "over the processing list, as two `redis-benchmark` runs: its rate is the pair's, 1 / (1 / LMOVE's + " +
            "1 / LREM's), and its latencies add the two commands' figures. The leases are in a memory-mapped " +
            "journal beside the crash-safe rings; Redis keeps its lists in memory only. Server CPU per job: the " +
            "server process's user + system time over the measured phase, divided by the jobs (Pop: requests).");
        line("");
        final List<Integer> sizes = sideBySideTable(LEASE_HEADER, "queue-take-ack-", "Take + Ack vs LMOVE + LREM");
        for (final int size : sizes)
        {
            compare("Take + Ack vs LMOVE + LREM", 50, size, "queue-take-ack-" + size + "-c50",
                "redis-lmove-lrem-" + size + "-c50");
            compare("neo Pop vs RPOP", 50, size, "queue-neo-pop-" + size + "-c50", "redis-rpop-" + size + "-c50");
        }
        line("");
    }

    private void logfilesSideBySide()
    {
        line("## Logfiles node and dd, side by side");
        line("");
        final Map<String, String> write = results.get("dd-write");
        final Map<String, String> read = results.get("dd-read");
        final Map<String, String> warmRead = results.get("dd-read-warm");
        line("Put: closed loop, one request in flight per connection, keys rising like timestamps (16 records per " +
            "key); the node buffers 64 KiB per bucket and writes to the page cache, syncing on its checkpoint timer. " +
            "PutBatch: 16 connections, each sending 64 KiB batches of such records (compressed by the load tool " +
            "before the run); its first figure is what the node acknowledged (in its buffers and the page cache), " +
            "the second adds the time to put those records on the disk (the fsync of the channel's files after the " +
            "run), the durability of `dd`'s `conv=fdatasync`. " +
            "GetRange and GetAll: one connection reads the whole channel back in 64 KiB batches, LZO-compressed, " +
            "or sent as one LZO literal run when a batch's first 4 KiB do not compress (the load's values are " +
            "random: every batch here), after unmeasured scans of a smaller channel for the JIT. " +
            "Figures are " +
            "payload, key and value bytes. `dd` writes " + (null == write ? "-" : mib(write)) + " from /dev/zero " +
            "with `conv=fdatasync` (to the disk) and reads it back " + ddReadMode(read) + ", on the disk that holds " +
            "the node's data folder.");
        line("");
        final List<Integer> sizes = sideBySideTable("| workload | connections | value | ours MB/s | dd MB/s | " +
            "ours / dd | node CPU ms per MB | ours req/s | ours p50 / p99 / max us |", "logfiles-put-",
            "Put vs dd write, GetRange and GetAll vs dd read");
        for (final int size : sizes)
        {
            bandwidthRow("Put vs dd write", results.get("logfiles-put-" + size + "-c50"), write);
            for (final String scan : new String[]{"getrange", "getall"})
            {
                for (final String cache : new String[]{"", "-cold"})
                {
                    final Map<String, String> run = results.get("logfiles-" + scan + "-" + size + cache);
                    if (null != run || cache.isEmpty())
                    {
                        final boolean warm = null != run && "page_cache".equals(run.get("cache")) &&
                            null != warmRead;
                        bandwidthRow(("getrange".equals(scan) ? "GetRange" : "GetAll") + " scan vs dd read" +
                            (null == run ? "" : " (" + run.getOrDefault("cache", "-").replace('_', ' ') + ")"),
                            run, warm ? warmRead : read);
                    }
                }
            }
        }
        final Map<String, String> batch = results.get("logfiles-putbatch-1024-c16");
        bandwidthRow("PutBatch (acknowledged) vs dd write", batch, write);
        bandwidthRow("PutBatch (synced to the disk) vs dd write", synced(batch), write);
        line("");
        line("A scan row marked page cache read what the Put run had just written, beside `dd` reading its file " +
            "from the page cache" + (null == warmRead ? " (not measured)" : format(" (%.0f MB/s)",
            number(warmRead, "mb_per_s"))) + "; a row marked evicted ran after the channel's files were written " +
            "out and dropped from the page cache (`posix_fadvise` DONTNEED through `dd iflag=nocache`), from the " +
            "disk, beside the `dd` read above of its file evicted the same way.");
        line("");
    }

    /**
     * Starts a side-by-side table of the runs labelled {@code <prefix><value size>-c50}.
     *
     * @return the value sizes measured, smallest first; when none, the table gets a not-measured row.
     */
    private List<Integer> sideBySideTable(final String header, final String labelPrefix, final String workloads)
    {
        line(header);
        line("|---".repeat((int)header.chars().filter(c -> '|' == c).count() - 1) + "|");
        final List<Integer> sizes = sizes(labelPrefix, "-c50");
        if (sizes.isEmpty())
        {
            final int columns = (int)header.chars().filter(c -> '|' == c).count() - 1;
            line("| " + workloads + " | 50 | - | " + NOT_MEASURED + " |" + " |".repeat(columns - 4));
        }
        return sizes;
    }

    private void bandwidthRow(final String workload, final Map<String, String> ours, final Map<String, String> dd)
    {
        final double cpuMillisPerMegabyte = number(ours, "server_cpu_s") * 1000 /
            (number(ours, "mb_per_s") * number(ours, "seconds"));
        line(format("| %s | %s | %s | %s | %s | %s | %s | %s | %s |", workload,
            null == ours ? "-" : ours.get("connections"), null == ours ? "-" : ours.get("value_size") + " B",
            null == ours ? NOT_MEASURED : format("%.1f", number(ours, "mb_per_s")),
            null == dd ? NOT_MEASURED : format("%.0f", number(dd, "mb_per_s")),
            null == ours || null == dd ? "-" : format("%.2f", number(ours, "mb_per_s") / number(dd, "mb_per_s")),
            Double.isNaN(cpuMillisPerMegabyte) ? "-" : format("%.2f", cpuMillisPerMegabyte),
            null == ours ? "-" : count(number(ours, "ops_per_s")), latencies(ours)));
    }

    private static String mib(final Map<String, String> dd)
    {
        return format("%.0f MiB", number(dd, "bytes") / (1 << 20));
    }

    /**
     * @param batch a PutBatch run, or {@code null}.
     * @return the run with its rate to the disk as its rate, or {@code null}.
     */
    private static Map<String, String> synced(final Map<String, String> batch)
    {
        if (null == batch)
        {
            return null;
        }
        final Map<String, String> synced = new HashMap<>(batch);
        synced.put("mb_per_s", batch.get("synced_mb_per_s"));
        synced.put("seconds", Double.toString(number(batch, "seconds") + number(batch, "sync_s")));
        return synced;
    }

    private static String ddReadMode(final Map<String, String> read)
    {
        if (null == read)
        {
            return "(not measured)";
        }
        switch (read.getOrDefault("mode", ""))
        {
            case "direct":
                return "with `iflag=direct` (from the disk, no page cache)";
            case "dropped":
                return "after dropping the page cache";
            case "evicted":
                return "after evicting it from the page cache";
            default:
                return "from the page cache (neither direct reads nor dropping the cache were possible)";
        }
    }

    private void otherFigures()
    {
        line("## Other end-to-end figures (no peer run)");
        line("");
        line("| workload | figure | latency p50 / p90 / p99 / p99.9 / max us |");
        line("|---|---|---|");
        final Map<String, String> mixed = results.get("mixed-16-c50");
        line(format("| mixed 90 %% Get / 10 %% Put, 50 connections, 16 B | %s | %s |",
            null == mixed ? NOT_MEASURED : count(number(mixed, "ops_per_s")) + " req/s", fullLatencies(mixed)));
        final Map<String, String> getAll = results.get("getall-1024");
        line(format("| GetAll of %s records, 1 KiB values, 1 connection | %s | %s (per full scan) |",
            null == getAll ? "1M" : count(getAllRecords(getAll)),
            null == getAll ? NOT_MEASURED : format("%.0f MB/s payload (%s scan%s)", number(getAll, "mb_per_s"),
                getAll.get("ops"), "1".equals(getAll.get("ops")) ? "" : "s"), fullLatencies(getAll)));
        for (final Map.Entry<String, Map<String, String>> entry : results.entrySet())
        {
            if (entry.getKey().startsWith("listen-"))
            {
                final Map<String, String> listen = entry.getValue();
                line(format("| Listen fan-out: 1 writer, %s listening connections, 16 B | %s deliveries/s " +
                    "(%s puts/s) | %s (put sent to record received) |", listen.get("connections"),
                    count(number(listen, "ops_per_s")), count(number(listen, "puts_per_s")),
                    fullLatencies(listen)));
            }
        }
        for (final Map.Entry<String, Map<String, String>> entry : results.entrySet())
        {
            if (entry.getKey().startsWith("fill-"))
            {
                final Map<String, String> fill = entry.getValue();
                line(format("| PutBatch fill, %s records of %s B, %s connections | %s records/s, %.0f MB/s | - |",
                    count(number(fill, "ops")), fill.get("value_size"), fill.get("connections"),
                    count(number(fill, "ops_per_s")), number(fill, "mb_per_s")));
            }
        }
        line("");
    }

    private void memory()
    {
        line("## Memory");
        line("");
        line("Resident size of the node process (VmRSS) after a PutBatch fill, minus its resident size when it " +
            "started empty (its 1 GiB heap is pre-touched, so heap growth does not count). Keys are 8 bytes. " +
            "![bytes per record](memory.png)");
        line("");
        line("| records | value | RSS empty | RSS filled | bytes / record | limit 1.3 x (8 + value + 16) | verdict |");
        line("|---|---|---|---|---|---|---|");
        for (final Map<String, String> row : memoryRows())
        {
            final int size = (int)number(row, "value_size");
            line(format("| %s | %d B | %.0f MiB | %.0f MiB | %.1f | %.0f | %s |", count(number(row, "records")),
                size, number(row, "rss_base_kb") / 1024, number(row, "rss_kb") / 1024, bytesPerRecord(row),
                memoryLimit(size), verdictAtMost(bytesPerRecord(row), memoryLimit(size))));
        }
        if (memoryRows().stream().noneMatch(m -> number(m, "records") >= 10_000_000))
        {
            line("| 10M | 16 B, 1 KiB | - | - | " + NOT_MEASURED + " (skipped by --quick) | - | - |");
        }
        line("");
    }

    private void compression()
    {
        line("## Value compression");
        line("");
        line("Each row a fresh DHT node whose channels store values as sent (`[Compression] default = none`) or " +
            "LZ4-compressed (`lz4`), filled with 1 KiB values by PutBatch, its resident size measured as in " +
            "Memory; then Put and Get at 50 connections, one request in flight each, over the filled keys. " +
            "JSON-like values are records of events (repeated field names, varying figures, ids and times); " +
            "random values do not shrink and are stored as sent behind a one-byte flag.");
        line("");
        line("| values | compression | records | bytes / record | Put req/s | Put server CPU us/req | Get req/s | " +
            "Get server CPU us/req |");
        line("|---|---|---|---|---|---|---|---|");
        for (final String values : new String[]{"json", "random"})
        {
            for (final String compression : new String[]{"none", "lz4"})
            {
                final String label = compressionLabel(values, compression);
                final Map<String, String> memory = results.get(label);
                final Map<String, String> put = results.get(label + "-put");
                final Map<String, String> get = results.get(label + "-get");
                if (null == memory)
                {
                    line(format("| %s | %s | - | %s | - | - | - | - |", values, compression, NOT_MEASURED));
                    continue;
                }
                line(format("| %s | %s | %s | %.1f | %s | %.2f | %s | %.2f |", values, compression,
                    count(number(memory, "records")), bytesPerRecord(memory), count(number(put, "ops_per_s")),
                    number(put, "server_cpu_us_per_op"), count(number(get, "ops_per_s")),
                    number(get, "server_cpu_us_per_op")));
            }
        }
        line("");
    }

    private void tcmLoad()
    {
        line("## Starting the node, empty and with a .tcm dump");
        line("");
        final Map<String, String> startup = results.get("startup-empty");
        if (null != startup)
        {
            line(format("Empty data folder, median of %s starts: from exec to the node's answer to a Put creating a " +
                "channel %.2f s, the node's CPU time (user + system) by then %.2f s.", startup.get("runs"),
                number(startup, "ready_ms") / 1000, number(startup, "ready_cpu_ms") / 1000));
            line("");
        }
        final Map<String, String> tcm = results.get("tcm-load");
        if (null == tcm)
        {
            line(NOT_MEASURED + ".");
        }
        else
        {
            line(format("%s records of 1 KiB values, %.2f GiB file, median of %s starts: the loader took %.2f s; " +
                "from exec to the node's answer to a Put creating a channel %.2f s, the node's CPU time (user + " +
                "system) by then %.2f s; resident size then %.0f MiB; %s. The target is for 1 GiB; a smaller file " +
                "(quick profile) is scaled in the targets table.",
                count(number(tcm, "records")), number(tcm, "file_bytes") / (1L << 30), tcm.get("runs"),
                number(tcm, "load_ms") / 1000, number(tcm, "ready_ms") / 1000, number(tcm, "ready_cpu_ms") / 1000,
                number(tcm, "rss_kb") / 1024, tcm.getOrDefault("cache", "").replace('_', ' ')));
        }
        line("");
    }

    private void jmh() throws IOException
    {
        line("## JMH micro-benchmarks");
        line("");
        line("One fork, explicit warm-up and measurement (see each class in `bench/src/main/java/org/swarmjvm/" +
            "bench/jmh`; the quick profile shortens them and keeps the 1 KiB values, on the command line). Batch " +
            "rows also give the uncompressed bytes per second, bucket rows the key and value bytes per second; " +
            "values are random bytes, which LZO cannot compress. Ring: the queue node's memory ring (RingPushPop is " +
            "one push and one pop). Bucket: the logfiles node's bucket writer and reader on a file in memory " +
            "(/dev/shm), so the figure is our code's, not the disk's.");
        line("");
        line("| benchmark | value size | score | error (99.9 %) | unit |");
        line("|---|---|---|---|---|");
        if (null == jmhFile || !Files.exists(jmhFile))
        {
            line("| " + NOT_MEASURED + " | | | | |");
            line("");
            return;
        }
        final List<String> lines = Files.readAllLines(jmhFile);
        for (int i = 1; i < lines.size(); i++)
        {
            final List<String> cells = csv(lines.get(i));
            if (cells.size() < 7)
            {
                continue;
            }
            final String name = cells.get(0).replace("org.swarmjvm.bench.jmh.", "");
            final String param = cells.size() > 7 ? cells.get(7) : "";
            double score = parse(cells.get(4));
            double error = parse(cells.get(5));
            String unit = cells.get(6);
            if (name.endsWith(":bytes"))
            {
                score /= 1e6;
                error /= 1e6;
                unit = "MB/s";
            }
            line(format("| %s | %s | %s | %s | %s |", name, param.isEmpty() ? "-" : param + " B",
                count(score), Double.isNaN(error) ? "-" : count(error), unit));
        }
        line("");
    }

    /**
     * @return records per GetAll scan: payload bytes per scan over key and value bytes per record, to a thousand.
     */
    private static double getAllRecords(final Map<String, String> getAll)
    {
        final double bytesPerScan = number(getAll, "mb_per_s") * 1e6 * number(getAll, "seconds") /
            number(getAll, "ops");
        return Math.round(bytesPerScan / (Long.BYTES + number(getAll, "value_size")) / 1000) * 1000.0;
    }

    private List<Map<String, String>> withPrefix(final String prefix)
    {
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final Map.Entry<String, Map<String, String>> entry : results.entrySet())
        {
            if (entry.getKey().startsWith(prefix))
            {
                rows.add(entry.getValue());
            }
        }
        return rows;
    }

    /**
     * @return the value sizes of the labels {@code <prefix><size><suffix>}, smallest first.
     */
    private List<Integer> sizes(final String prefix, final String suffix)
    {
        final List<Integer> sizes = new ArrayList<>();
        for (final String label : results.keySet())
        {
            if (label.startsWith(prefix) && label.endsWith(suffix))
            {
                sizes.add(Integer.parseInt(label.substring(prefix.length(), label.length() - suffix.length())));
            }
        }
        sizes.sort(Integer::compare);
        return sizes;
    }

    private void method()
    {
        line("## How it is measured");
        line("");
        line("- The load tool (`bench/target/bench-*-all.jar run`) opens one connection per simulated client, " +
            "warms up, then measures; latencies are per request, recorded in HdrHistogram, closed loop (no " +
            "coordinated-omission correction, as redis-benchmark). Put, Get and mixed drive every connection " +
            "from one thread with a selector, as redis-benchmark does, the requests written by the protocol's " +
            "encoder; GetAll and the Listen writers use a thread per connection with its own `DhtClient`.");
        line("- Before its first measured row, the DHT node runs Put and Get of both value sizes, one request in " +
            "flight and pipelined, and the queue node Push and Pop, unmeasured (a warm-up phase), so that the " +
            "JIT's compilation is not inside the first rows; Redis gets the same SET and GET warm-up.");
        line("- Redis runs from Debian's `redis-server` with `--save '' --appendonly no`, driven by " +
            "`redis-benchmark -c <connections> -d <value size> -r 100000 -t set|get`, its keys filled before GET.");
        line("- Our nodes run from their `*-all.jar` with `-Xms1g -Xmx1g -XX:+AlwaysPreTouch` and a config derived " +
            "from `etc/config.ini`, `etc/queue.config.ini` (rings of 2 GB) and `etc/logfiles.config.ini`; each " +
            "memory run starts a fresh DHT node. The start-up runs (`swarm-load startup`) start the DHT node as " +
            "the launchers do, without heap flags, 3 times each, and kill it once it has answered.");
        line("- The queue runs use `QueueClient`, one per connection, each on its own thread; Redis lists are " +
            "driven by `redis-benchmark -c 50 -d <value size> -t lpush` then `-t rpop` (the same list).");
        line("- The logfiles runs use `LogfilesClient` (one per connection); `dd` writes `bs=1M` from /dev/zero " +
            "with `conv=fdatasync`, then reads the file back from the page cache and after evicting it, in the " +
            "folder that holds the node's data.");
        line("- The latency histograms of the main runs are in `run/bench/*.hlog` (HdrHistogram log format).");
        line("");
    }

    private void writePlotData() throws IOException
    {
        final StringBuilder scaling = new StringBuilder("# connections ours_req_per_s redis_req_per_s\n");
        for (final int connections : connectionPoints())
        {
            final Map<String, String> o = results.get("scale-get-16-c" + connections);
            final Map<String, String> p = results.get("redis-scale-get-16-c" + connections);
            scaling.append(connections).append(' ')
                .append(null == o ? "NaN" : format("%.0f", number(o, "ops_per_s"))).append(' ')
                .append(null == p ? "NaN" : format("%.0f", number(p, "ops_per_s"))).append('\n');
        }
        Files.writeString(plotData.resolve("scaling.dat"), scaling);
        final StringBuilder memory = new StringBuilder("# label bytes_per_record limit\n");
        for (final Map<String, String> row : memoryRows())
        {
            final int size = (int)number(row, "value_size");
            memory.append('"').append(count(number(row, "records"))).append(" x ").append(size).append(" B\" ")
                .append(format("%.1f %.1f", bytesPerRecord(row), memoryLimit(size))).append('\n');
        }
        Files.writeString(plotData.resolve("memory.dat"), memory);
    }

    private List<Integer> connectionPoints()
    {
        final List<Integer> points = new ArrayList<>();
        for (final String label : results.keySet())
        {
            if (label.startsWith("scale-get-16-c"))
            {
                points.add(Integer.parseInt(label.substring("scale-get-16-c".length())));
            }
        }
        points.sort(Integer::compare);
        return points;
    }

    private List<Map<String, String>> memoryRows()
    {
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final Map.Entry<String, Map<String, String>> entry : results.entrySet())
        {
            if (entry.getKey().startsWith("mem-"))
            {
                rows.add(entry.getValue());
            }
        }
        return rows;
    }

    private static double bytesPerRecord(final Map<String, String> row)
    {
        return (number(row, "rss_kb") - number(row, "rss_base_kb")) * 1024 / number(row, "records");
    }

    private static double memoryLimit(final int valueSize)
    {
        return TARGET_MEMORY_FACTOR * (Long.BYTES + valueSize + TARGET_MEMORY_OVERHEAD);
    }

    private static String verdictAtLeast(final double measured, final double target)
    {
        return measured >= target ? "met" : format("**missed by %.0f %%**", 100 * (1 - measured / target));
    }

    private static String verdictAtMost(final double measured, final double limit)
    {
        return measured <= limit ? "met" : format("**missed: %.0f %% over**", 100 * (measured / limit - 1));
    }

    private static String latencies(final Map<String, String> result)
    {
        return null == result ? "-" : format("%.0f / %.0f / %.0f", number(result, "p50_us"),
            number(result, "p99_us"), number(result, "max_us"));
    }

    private static String fullLatencies(final Map<String, String> result)
    {
        return null == result ? "-" : format("%.0f / %.0f / %.0f / %.0f / %.0f", number(result, "p50_us"),
            number(result, "p90_us"), number(result, "p99_us"), number(result, "p999_us"), number(result, "max_us"));
    }

    private static double number(final Map<String, String> result, final String key)
    {
        return null == result || !result.containsKey(key) ? Double.NaN : parse(result.get(key));
    }

    private static double parse(final String text)
    {
        try
        {
            return Double.parseDouble(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    private static String count(final double value)
    {
        if (Double.isNaN(value))
        {
            return "-";
        }
        return Math.abs(value) >= 100 ? format("%,.0f", value) : format("%.2f", value);
    }

    private static List<String> csv(final String line)
    {
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if ('"' == c)
            {
                quoted = !quoted;
            }
            else if (',' == c && !quoted)
            {
                cells.add(cell.toString());
                cell.setLength(0);
            }
            else
            {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static String format(final String pattern, final Object... args)
    {
        return String.format(Locale.ROOT, pattern, args);
    }

    private void row(final String target, final String measured, final String verdict)
    {
        line("| " + target + " | " + measured + " | " + verdict + " |");
    }

    private void line(final String text)
    {
        page.append(text).append('\n');
    }
}
