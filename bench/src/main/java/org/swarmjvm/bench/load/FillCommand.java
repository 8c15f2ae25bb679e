package org.swarmjvm.bench.load;

import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtRecord;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads keys 0 to records-1 of the key space into a channel with PutBatch (each record sent to the node that owns
 * its key), as fast as the nodes take them, and prints the rate.
 */
@Command(name = "fill", mixinStandardHelpOptions = true, description = "Load a channel with PutBatch.")
public final class FillCommand implements Runnable
{
    private static final int CHUNK = 8192;

    @Mixin
    private NodeOptions nodes;

    @Mixin
    private ValueOptions values;

    @Option(names = {"-r", "--records"}, required = true, description = "records to put")
    private long records;

    @Option(names = {"-s", "--value-size"}, description = "bytes per value (default: ${DEFAULT-VALUE})")
    private int valueSize = 16;

    @Option(names = {"-t", "--threads"}, description = "sending threads, one connection each " +
        "(default: ${DEFAULT-VALUE})")
    private int threads = 2;

    @Option(names = "--label", description = "name of the run in the RESULT line (default: ${DEFAULT-VALUE})")
    private String label = "fill";

    @Override
    public void run()
    {
        final Records pool = values.records(valueSize, 0xf111L);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final List<Thread> senders = new ArrayList<>();
        final long start = System.nanoTime();
        for (int t = 0; t < threads; t++)
        {
            final long from = records * t / threads;
            final long to = records * (t + 1) / threads;
            final Thread sender = new Thread(() -> send(pool, from, to, failure), "fill-" + t);
            senders.add(sender);
            sender.start();
        }
        for (final Thread sender : senders)
        {
            try
            {
                sender.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ex);
            }
        }
        if (null != failure.get())
        {
            throw failure.get();
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final double megabytes = records * (double)(Long.BYTES + valueSize) / 1e6;
        System.out.printf(Locale.ROOT, "fill: %,d records of %d bytes in %.2f s: %,.0f records/s, %.1f MB/s%n",
            records, valueSize, seconds, records / seconds, megabytes / seconds);
        System.out.printf(Locale.ROOT, "RESULT label=%s workload=fill connections=%d value_size=%d ops=%d " +
            "seconds=%.3f ops_per_s=%.0f mb_per_s=%.1f%n", label, threads, valueSize, records, seconds,
            records / seconds,
            megabytes / seconds);
    }

    private void send(final Records values, final long from, final long to,
        final AtomicReference<RuntimeException> failure)
    {
        try (DhtClient client = nodes.connectOne())
        {
            final Map<NodeAddress, List<DhtRecord>> byNode = new HashMap<>();
            for (long chunk = from; chunk < to; chunk += CHUNK)
            {
                byNode.values().forEach(List::clear);
                for (long index = chunk, end = Math.min(to, chunk + CHUNK); index < end; index++)
                {
                    final long key = Records.key(index);
                    byNode.computeIfAbsent(client.nodeFor(key), node -> new ArrayList<>())
                        .add(new DhtRecord(key, values.value(index)));
                }
                for (final Map.Entry<NodeAddress, List<DhtRecord>> entry : byNode.entrySet())
                {
                    if (!entry.getValue().isEmpty())
                    {
                        client.putBatch(entry.getKey(), nodes.channel(), entry.getValue());
                    }
                }
            }
        }
        catch (final RuntimeException ex)
        {
            failure.compareAndSet(null, ex);
        }
    }
}
