package org.swarmjvm.dht.dump;

import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.dht.node.DhtNodeProcess;
import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.DhtRecord;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.tcm.TcmReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real DHT nodes, clients, configs and record sets for the dht-dump tests.
 */
final class DumpTests
{
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final long CHANNEL_CAPACITY = 300_000;

    private DumpTests()
    {
    }

    /**
     * @param dataDir the node's data directory.
     * @param range   of the node.
     * @return a node on 127.0.0.1 and a free port, without a stats file.
     */
    static DhtNode launchNode(final Path dataDir, final HashRange range)
    {
        final DhtNodeContext context = new DhtNodeContext()
            .range(range)
            .dataDir(dataDir)
            .channelCapacity(CHANNEL_CAPACITY)
            .averageValueSize(64);
        context.node().address("127.0.0.1").port(0);
        return DhtNode.launch(context);
    }

    /**
     * @param dataDir     the node's data directory.
     * @param port        legacy port, 0 for any.
     * @param neoPort     neo port, 0 for any.
     * @param credentials the node's neo credentials file, as {@link #writeCredentials(Path)} writes.
     * @return a node on 127.0.0.1 serving both protocols, without a stats file.
     */
    static DhtNode launchNeoNode(final Path dataDir, final int port, final int neoPort, final Path credentials)
    {
        final DhtNodeContext context = new DhtNodeContext()
            .range(HashRange.FULL)
            .dataDir(dataDir)
            .channelCapacity(CHANNEL_CAPACITY)
            .averageValueSize(64);
        context.node().address("127.0.0.1").port(port);
        context.neo().port(neoPort).credentialsFile(credentials);
        return DhtNode.launch(context);
    }

    /**
     * @param folder to write {@code credentials} into.
     * @return a neo credentials file holding the key of {@code dht-dump}.
     * @throws IOException when it cannot be written.
     */
    static Path writeCredentials(final Path folder) throws IOException
    {
        return Files.writeString(folder.resolve("credentials"), ContinuousContext.DEFAULT_AUTH_NAME + ":" +
            "0".repeat(256) + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * Writes a dhtdump config file for the continuous mode.
     *
     * @param folder      to write {@code dhtdump.config.ini} into.
     * @param port        legacy port of the node.
     * @param neoPort     neo port of the node.
     * @param credentials neo credentials file holding {@code dht-dump}'s key.
     * @param dataDir     for the dumps and logs.
     * @param extraDump   further {@code [Dump]} lines.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    static Path writeContinuousConfig(final Path folder, final int port, final int neoPort, final Path credentials,
        final Path dataDir, final String... extraDump) throws IOException
    {
        final String[] dump = new String[extraDump.length + 2];
        dump[0] = "mode = continuous";
        dump[1] = "channel_poll_s = 1";
        System.arraycopy(extraDump, 0, dump, 2, extraDump.length);
        final Path config = writeConfig(folder, port, dataDir, dump);
        final String text = Files.readString(config).replace("[Dump]", "neo_port = " + neoPort +
            "\ncredentials_path = " + credentials + "\n[Dump]");
        Files.writeString(config, text, StandardCharsets.US_ASCII);
        return config;
    }

    /**
     * Writes the config of a DHT node run as its own process ({@code DhtNodeMain}), serving the full range and neo.
     *
     * @param folder      to write {@code config.ini}, the node's socket and stats file into.
     * @param port        legacy port; neo is {@code port + 100}.
     * @param dataDir     the node's data folder.
     * @param credentials its neo credentials file.
     * @param capacity    records per channel.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    static Path writeNodeConfig(final Path folder, final int port, final Path dataDir, final Path credentials,
        final long capacity) throws IOException
    {
        return Files.writeString(folder.resolve("config.ini"), DhtNodeProcess.config(folder, dataDir, port,
            Math.toIntExact(capacity),
            "credentials_path = " + credentials.toAbsolutePath(),
            "unix_socket_path = " + folder.resolve("dhtnode.socket").toAbsolutePath()));
    }

    /**
     * @param port of a node.
     * @return a client of that one node, accepting a partial range.
     */
    static DhtClient client(final int port)
    {
        return DhtClient.connect(List.of(new NodeAddress("127.0.0.1", port)),
            new DhtClientContext().readTimeout(TIMEOUT).allowRangeGaps(true));
    }

    /**
     * @param random    source of values.
     * @param count     records.
     * @param firstKey  of the records; keys step by {@code keyStep}.
     * @param keyStep   between keys (2 keeps keys even: all in the lower half of the hash range).
     * @param maxLength of a value, at least 1.
     * @return records with random values of 1 to {@code maxLength} bytes.
     */
    static List<DhtRecord> records(
        final Random random, final int count, final long firstKey, final long keyStep, final int maxLength)
    {
        final List<DhtRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final byte[] value = new byte[1 + random.nextInt(maxLength)];
            random.nextBytes(value);
            records.add(new DhtRecord(firstKey + i * keyStep, value));
        }
        return records;
    }

    /**
     * @param client  connected.
     * @param channel to fill.
     * @param records to put, through PutBatch.
     */
    static void fill(final DhtClient client, final String channel, final List<DhtRecord> records)
    {
        client.putBatch(client.nodes().get(0), channel, records);
    }

    /**
     * @param client  connected.
     * @param channel to read.
     * @return every record of the channel, values as ISO-8859-1 text so that maps compare by content.
     */
    static Map<Long, String> getAll(final DhtClient client, final String channel)
    {
        final Map<Long, String> records = new HashMap<>();
        client.getAll(channel, (key, value) ->
        {
            if (null != records.put(key, text(value)))
            {
                fail("GetAll returned key " + Long.toHexString(key) + " twice");
            }
        });
        return records;
    }

    /**
     * @param records as put.
     * @return the same as {@link #getAll(DhtClient, String)} returns.
     */
    static Map<Long, String> asMap(final List<DhtRecord> records)
    {
        final Map<Long, String> map = new HashMap<>();
        for (final DhtRecord record : records)
        {
            map.put(record.key(), text(record.value()));
        }
        return map;
    }

    /**
     * Compares two record sets, naming the first few differing keys rather than printing whole channels.
     *
     * @param expected records.
     * @param actual   records.
     * @param context  for the failure message (seed, channel).
     */
    static void assertSameRecords(final Map<Long, String> expected, final Map<Long, String> actual,
        final String context)
    {
        if (expected.equals(actual))
        {
            return;
        }
        final List<String> differences = new ArrayList<>();
        for (final Map.Entry<Long, String> record : expected.entrySet())
        {
            final String found = actual.get(record.getKey());
            if (!record.getValue().equals(found) && differences.size() < 5)
            {
                differences.add(Long.toHexString(record.getKey()) + (null == found ? " missing" : " differs"));
            }
        }
        for (final Long key : actual.keySet())
        {
            if (!expected.containsKey(key) && differences.size() < 10)
            {
                differences.add(Long.toHexString(key) + " unexpected");
            }
        }
        fail(context + ": expected " + expected.size() + " records, got " + actual.size() + "; first differences: " +
            differences);
    }

    /**
     * @param file a dump.
     * @return its records.
     * @throws IOException when the file cannot be read or is not a complete dump.
     */
    static Map<Long, String> readDump(final Path file) throws IOException
    {
        final Map<Long, String> records = new HashMap<>();
        try (TcmReader reader = TcmReader.open(file))
        {
            while (reader.next())
            {
                final byte[] value = new byte[reader.valueLength()];
                reader.valueBuffer().getBytes(reader.valueOffset(), value);
                records.put(reader.key(), text(value));
            }
            assertEquals(0, reader.invalidRecords() + reader.emptyRecords(), file + " holds skipped records");
        }
        return records;
    }

    /**
     * Writes a dhtdump config file.
     *
     * @param folder   to write {@code dhtdump.config.ini} into.
     * @param port     of the node.
     * @param dataDir  for the dumps.
     * @param extraDump further {@code [Dump]} lines.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    static Path writeConfig(final Path folder, final int port, final Path dataDir, final String... extraDump)
        throws IOException
    {
        final StringBuilder text = new StringBuilder()
            .append("[Dht]\naddress = 127.0.0.1\nport = ").append(port).append('\n')
            .append("[Dump]\ndata_dir = ").append(dataDir).append("\nretry_wait_s = 0\n");
        for (final String line : extraDump)
        {
            text.append(line).append('\n');
        }
        text.append("[STATS]\nfile_name = ").append(folder.resolve("log/stats.log")).append('\n');
        final Path config = folder.resolve("dhtdump.config.ini");
        Files.writeString(config, text, StandardCharsets.US_ASCII);
        return config;
    }

    /**
     * Polls until a condition holds.
     *
     * @param what      the condition, for the failure message.
     * @param condition to wait for.
     */
    static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out after " + TIMEOUT + " waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * @param folder to list.
     * @param name   which file names to keep.
     * @return the folder's files whose names match.
     */
    static List<Path> files(final Path folder, final Predicate<String> name)
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.filter(file -> name.test(file.getFileName().toString())).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param file a file that dht-dump may rename or delete at any time.
     * @return its size, or 0 once it is gone.
     */
    static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final NoSuchFileException ex)
        {
            return 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param a first file.
     * @param b second file.
     * @return whether both hold the same bytes.
     * @throws IOException when either cannot be read.
     */
    static boolean sameBytes(final Path a, final Path b) throws IOException
    {
        return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    private static String text(final byte[] value)
    {
        return new String(value, StandardCharsets.ISO_8859_1);
    }
}
