package org.swarmjvm.bench.load;

import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.DhtRecord;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times Redistribute between two DHT nodes in this JVM: one holds every record, the other none; each round the
 * first gives the upper half of the hash range to the second (the receiver grown first, as the rebalance tool
 * does), then takes it back. Prints the median time of a half's move, its records/s and MB/s. With
 * {@code --latency-ms}, the nodes' PutBatch traffic to each other goes through a relay that delays every chunk by
 * that much each way, as a network would: the loopback alone has next to no round trip to hide.
 */
@Command(name = "redistribute", mixinStandardHelpOptions = true,
    description = "Time Redistribute moving half of a node's records to another node and back.")
public final class RedistributeCommand implements Runnable
{
    private static final HashRange LOWER = new HashRange(0, 0x7fffffffffffffffL);
    private static final HashRange UPPER = new HashRange(0x8000000000000000L, -1L);
    private static final String CHANNEL = "redistribute";

    @Option(names = "--dir", required = true, description = "folder for the two nodes' data")
    private Path dir;

    @Option(names = "--records", description = "records in the channel (default: ${DEFAULT-VALUE})")
    private int records = 500_000;

    @Option(names = "--value-size", description = "bytes per value (default: ${DEFAULT-VALUE})")
    private int valueSize = 100;

    @Option(names = "--rounds", description = "rounds, each moving a half there and back (default: ${DEFAULT-VALUE})")
    private int rounds = 3;

    @Option(names = "--latency-ms", description = "one-way delay between the nodes, 0 for none (default: " +
        "${DEFAULT-VALUE})")
    private int latencyMillis;

    @Option(names = "--label", description = "name of the run in the RESULT line (default: ${DEFAULT-VALUE})")
    private String label = "redistribute";

    @Override
    public void run()
    {
        try (DhtNode giver = launch("giver", HashRange.FULL);
             DhtNode receiver = launch("receiver", HashRange.EMPTY);
             DelayingRelay toReceiver = new DelayingRelay(new InetSocketAddress("127.0.0.1", receiver.port()),
                 latencyMillis);
             DelayingRelay toGiver = new DelayingRelay(new InetSocketAddress("127.0.0.1", giver.port()),
                 latencyMillis))
        {
            final NodeAddress from = new NodeAddress("127.0.0.1", giver.port());
            final NodeAddress to = new NodeAddress("127.0.0.1", receiver.port());
            // The targets named in Redistribute: the relays, when there is latency to add.
            final NodeAddress viaToReceiver =
                0 == latencyMillis ? to : new NodeAddress("127.0.0.1", toReceiver.port());
            final NodeAddress viaToGiver = 0 == latencyMillis ? from : new NodeAddress("127.0.0.1", toGiver.port());
            try (DhtClient client = DhtClient.connect(List.of(from, to),
                new DhtClientContext().connectionsPerNode(1).readTimeout(Duration.ofMinutes(30))))
            {
                fill(client, from);
                final long[] nanos = new long[2 * rounds];
                for (int round = 0; round < rounds; round++)
                {
                    client.redistribute(to, UPPER, List.of());
                    nanos[2 * round] = timed(client, from, LOWER, viaToReceiver, UPPER);
                    client.redistribute(from, HashRange.FULL, List.of());
                    nanos[2 * round + 1] = timed(client, to, HashRange.EMPTY, viaToGiver, HashRange.FULL);
                    System.out.printf(Locale.ROOT, "round %d: %d ms there, %d ms back%n", round + 1,
                        nanos[2 * round] / 1_000_000, nanos[2 * round + 1] / 1_000_000);
                }
                Arrays.sort(nanos);
                final double seconds = nanos[nanos.length / 2] / 1e9;
                final double moved = records / 2.0;
                System.out.printf(Locale.ROOT, "RESULT label=%s latency_ms=%d records_moved=%d min_ms=%d " +
                    "median_ms=%d records_per_s=%d mb_per_s=%.1f%n", label, latencyMillis, (long)moved, nanos[0] / 1_000_000,
                    nanos[nanos.length / 2] / 1_000_000,
                    (long)(moved / seconds), moved * (16 + valueSize) / 1e6 / seconds);
            }
        }
    }

    private static long timed(final DhtClient client, final NodeAddress node, final HashRange keep,
        final NodeAddress target, final HashRange targetRange)
    {
        final long start = System.nanoTime();
        client.redistribute(node, keep, List.of(new Target(target.address(), target.port(), targetRange)));
        return System.nanoTime() - start;
    }

    private void fill(final DhtClient client, final NodeAddress node)
    {
        final SplittableRandom random = new SplittableRandom(18);
        final List<DhtRecord> batch = new ArrayList<>();
        for (int i = 0; i < records; i++)
        {
            final byte[] value = new byte[valueSize];
            random.nextBytes(value);
            batch.add(new DhtRecord(random.nextLong(), value));
            if (batch.size() == 10_000 || i == records - 1)
            {
                client.putBatch(node, CHANNEL, batch);
                batch.clear();
            }
        }
    }

    private DhtNode launch(final String name, final HashRange range)
    {
        try
        {
            final DhtNodeContext context = new DhtNodeContext().range(range)
                .dataDir(Files.createDirectories(dir.resolve(name)))
                .channelCapacity(records + 1L).averageValueSize(valueSize);
            context.node().name(name).address("127.0.0.1").port(0).metricsPort(-1);
            return DhtNode.launch(context);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
