package org.swarmjvm.logfiles.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.node.testing.fuzz.WellBehavedClient;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.logfiles.LogfilesConst;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A logfiles client that puts records (one by one and in batches) into its own channel, keys spread over three
 * buckets, and reads key ranges and filtered ranges back through the blocking client; it keeps every record it
 * stored and compares each answer with the records of that range, as sorted lists (the node answers in bucket
 * and append order). Every 2,000 records it checks the channel whole, removes it and starts again.
 */
final class LogfilesWellBehavedClient implements WellBehavedClient
{
    /** Channel names of well-behaved clients start with this; fuzzing never writes such a channel. */
    static final String CHANNEL_PREFIX = "wellbehaved_";
    private static final long BASE_KEY = 0x70000000L;
    private static final int KEYS = 3 * 4096;
    private static final int MAX_BATCH_RECORDS = 6;
    /**
     * Records after which the client checks its channel whole, removes it and starts again: every read scans the
     * channel's buckets on the node's disk worker, which the fuzzing connections share, so the channel stays small.
     */
    private static final int MAX_RECORDS = 2000;

    private final String channel;
    private final LogfilesClient client;
    private final SplittableRandom random;
    private final RecordBatchWriter batch = new RecordBatchWriter(LogfilesConst.BATCH_SIZE);
    private final List<String> stored = new ArrayList<>();
    private long steps;

    /**
     * @param node  address.
     * @param index of the client: its channel and its seed.
     */
    LogfilesWellBehavedClient(final InetSocketAddress node, final int index)
    {
        this.channel = CHANNEL_PREFIX + index;
        this.random = new SplittableRandom(index);
        try
        {
            this.client = new LogfilesClient(node);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void step()
    {
        steps++;
        final int op = random.nextInt(20);
        try
        {
            if (stored.size() >= MAX_RECORDS)
            {
                verifyAll();
                expectOk("RemoveChannel", client.removeChannel(channel));
                stored.clear();
                compare("GetAll after RemoveChannel", stored, read(BASE_KEY, BASE_KEY + KEYS, null));
            }
            else if (op < 12)
            {
                final long key = BASE_KEY + random.nextInt(KEYS);
                final String value = channel + ":" + steps;
                expectOk("Put", client.put(channel, key, value.getBytes(StandardCharsets.US_ASCII)));
                stored.add(record(key, value));
            }
            else if (op < 14)
            {
                putBatch();
            }
            else
            {
                final long lower = BASE_KEY + random.nextInt(KEYS);
                final long upper = lower + random.nextInt(KEYS / 4);
                final String filter = op < 17 ? null : Integer.toString(random.nextInt(10));
                compare("range " + Long.toHexString(lower) + ".." + Long.toHexString(upper) + " filter " + filter,
                    expected(lower, upper, filter), read(lower, upper, filter));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public long verifyAll()
    {
        final List<String> found = new ArrayList<>();
        try
        {
            expectOk("GetAll", client.getAll(channel, (key, buffer, offset, length) ->
                found.add(record(key, buffer.getStringWithoutLengthAscii(offset, length)))));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        compare("GetAll", expected(BASE_KEY, BASE_KEY + KEYS, null), found);
        return found.size();
    }

    @Override
    public void close()
    {
        try
        {
            client.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void putBatch() throws IOException
    {
        batch.reset();
        final List<String> records = new ArrayList<>();
        for (int i = 1 + random.nextInt(MAX_BATCH_RECORDS); i > 0; i--)
        {
            final long key = BASE_KEY + random.nextInt(KEYS);
            final String value = channel + ":" + steps + "." + i;
            final byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            batch.appendRecord(key, new UnsafeBuffer(bytes), 0, bytes.length);
            records.add(record(key, value));
        }
        expectOk("PutBatch", client.putBatch(channel, batch));
        stored.addAll(records);
    }

    private List<String> read(final long lower, final long upper, final String filter) throws IOException
    {
        final List<String> found = new ArrayList<>();
        final LogfilesClient.RecordHandler collect = (key, buffer, offset, length) ->
            found.add(record(key, buffer.getStringWithoutLengthAscii(offset, length)));
        expectOk("GetRange", null == filter ? client.getRange(channel, lower, upper, collect) :
            client.getRangeFilter(channel, lower, upper, filter.getBytes(StandardCharsets.US_ASCII), collect));
        return found;
    }

    private List<String> expected(final long lower, final long upper, final String filter)
    {
        final List<String> inRange = new ArrayList<>();
        for (final String record : stored)
        {
            final long key = Long.parseUnsignedLong(record.substring(0, 16), 16);
            if (key >= lower && key <= upper && (null == filter || record.substring(17).contains(filter)))
            {
                inRange.add(record);
            }
        }
        return inRange;
    }

    private void compare(final String what, final List<String> want, final List<String> got)
    {
        final List<String> wantSorted = new ArrayList<>(want);
        final List<String> gotSorted = new ArrayList<>(got);
        Collections.sort(wantSorted);
        Collections.sort(gotSorted);
        if (!wantSorted.equals(gotSorted))
        {
            final List<String> missing = new ArrayList<>(wantSorted);
            missing.removeAll(gotSorted);
            final List<String> extra = new ArrayList<>(gotSorted);
            extra.removeAll(wantSorted);
            throw new AssertionError(channel + " " + what + ": " + got.size() + " records, " + want.size() +
                " expected; missing " + head(missing) + ", unexpected " + head(extra));
        }
    }

    private void expectOk(final String request, final SwarmStatus status)
    {
        if (SwarmStatus.OK != status)
        {
            throw new AssertionError(channel + ": " + request + " answered " + status);
        }
    }

    private static String record(final long key, final String value)
    {
        return String.format("%016x %s", key, value);
    }

    private static List<String> head(final List<String> records)
    {
        return records.subList(0, Math.min(5, records.size()));
    }
}
