package org.swarmjvm.bench.load;

import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.logfiles.LogfilesConst;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one logfiles workload through {@link LogfilesClient}: Put of log records in a closed loop per connection,
 * keys rising like timestamps shared by all connections, PutBatch of such records 64 KiB at a time, or GetRange
 * scans of a whole key range (the figure is then payload, key and value bytes, per second). The warm-up of Put and
 * PutBatch writes to {@code <channel>-warmup}, so that the channel holds only the measured records for a GetRange
 * to read back. Sessions are spread over the named nodes in turn.
 * <p>
 * PutBatch's batches are compressed before the measurement ({@link #BATCH_POOL} of them, sent in turn, their keys
 * repeating once the pool is used up), as a client that compresses its batches on another machine: on cores it
 * shares with the node, the load tool's LZO would otherwise take the node's CPU.
 */
@Command(name = "logfiles", mixinStandardHelpOptions = true,
    description = "Measure one logfiles workload against running logfiles nodes.")
public final class LogfilesLoadCommand implements Runnable
{
    /** What the simulated clients do. */
    public enum LogfilesWorkload
    {
        /** Put of one record per request. */
        PUT,
        /** PutBatch of as many records as fit one 64 KiB batch per request. */
        PUTBATCH,
        /** GetRange over the whole key range per request. */
        GETRANGE,
        /** GetAll of the whole channel per request. */
        GETALL
    }

    @Mixin
    private NodeOptions nodes;

    @Mixin
    private MeasureOptions measure;

    @Option(names = {"-W", "--workload"}, required = true, description = "put, putbatch, getrange or getall")
    private LogfilesWorkload workload;

    @Option(names = "--first-key", description = "put: key of the first records, a time in seconds " +
        "(default: ${DEFAULT-VALUE})")
    private long firstKey = 1_800_000_000L;

    @Option(names = "--records-per-key", description = "put: records sharing one key, as log lines share a second " +
        "(default: ${DEFAULT-VALUE})")
    private int recordsPerKey = 16;

    @Option(names = "--lower", description = "getrange: smallest key, unsigned (default: ${DEFAULT-VALUE})")
    private long lower;

    @Option(names = "--upper", description = "getrange: largest key, unsigned (default: ${DEFAULT-VALUE}, all)")
    private long upper = -1L;

    /** PutBatch: batches compressed before the measurement. */
    private static final int BATCH_POOL = 256;

    private final AtomicLong sequence = new AtomicLong();
    private Records records;
    private UnsafeBuffer[] batches;
    private int[] batchLengths;
    private long[] batchBytes;
    private List<InetSocketAddress> addresses;

    @Override
    public void run()
    {
        if (recordsPerKey < 1 || measure.valueSize + LogfilesConst.RECORD_OVERHEAD > LogfilesConst.BATCH_SIZE)
        {
            throw new IllegalArgumentException("records per key must be positive, values at most " +
                (LogfilesConst.BATCH_SIZE - LogfilesConst.RECORD_OVERHEAD) + " bytes (larger ones are stored but " +
                "no read returns them)");
        }
        if (measure.pipeline > 1)
        {
            throw new IllegalArgumentException("the logfiles workloads have one request in flight per connection");
        }
        final Measurement measurement = new Measurement(measure);
        records = new Records(measure.valueSize, 0x109L);
        if (LogfilesWorkload.PUTBATCH == workload)
        {
            compressBatches();
        }
        addresses = nodes.socketAddresses();
        measurement.report(measurement.closedLoop(measure.connections, LogfilesSession::new, false),
            workload.name().toLowerCase(Locale.ROOT), "requests");
    }

    /**
     * Fills {@link #batches} with the records Put would send, in the same order, as many per batch as fit.
     */
    private void compressBatches()
    {
        final RecordBatchWriter writer = new RecordBatchWriter(LogfilesConst.BATCH_SIZE);
        batches = new UnsafeBuffer[BATCH_POOL];
        batchLengths = new int[BATCH_POOL];
        batchBytes = new long[BATCH_POOL];
        long index = 0;
        for (int b = 0; b < BATCH_POOL; b++)
        {
            long bytes = 0;
            while (true)
            {
                final byte[] value = records.value(index);
                if (!writer.appendRecord(firstKey + index / recordsPerKey, new UnsafeBuffer(value), 0, value.length))
                {
                    break;
                }
                bytes += Long.BYTES + value.length;
                index++;
            }
            batches[b] = new UnsafeBuffer(new byte[RecordBatchWriter.maxArrayLength(LogfilesConst.BATCH_SIZE)]);
            batchLengths[b] = writer.writeArray(batches[b], 0);
            batchBytes[b] = bytes;
        }
    }

    /**
     * One simulated logfiles client: its own connection, the workload's requests.
     */
    private final class LogfilesSession implements LoadSession
    {
        private final LogfilesClient client;
        private final String channel = nodes.channel();
        private final String warmUpChannel = nodes.channel() + "-warmup";
        private long scanBytes;
        private final LogfilesClient.RecordHandler counter =
            (key, buffer, offset, length) -> scanBytes += Long.BYTES + length;

        LogfilesSession(final int index)
        {
            try
            {
                client = new LogfilesClient(addresses.get(index % addresses.size()));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot connect to " + addresses.get(index % addresses.size()), ex);
            }
        }

        @Override
        public long request()
        {
            return send(channel);
        }

        @Override
        public long warmUpRequest()
        {
            return send(warmUpChannel);
        }

        @Override
        public void close()
        {
            CloseHelper.close(client);
        }

        private long send(final String putChannel)
        {
            try
            {
                switch (workload)
                {
                    case PUT:
                        return put(putChannel);
                    case PUTBATCH:
                        return putBatch(putChannel);
                    case GETRANGE:
                        return getRange();
                    default:
                        return getAll();
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        private long put(final String to) throws IOException
        {
            final long index = sequence.getAndIncrement();
            final byte[] value = records.value(index);
            expectOk("Put", client.put(to, firstKey + index / recordsPerKey, value));
            return Long.BYTES + value.length;
        }

        private long putBatch(final String to) throws IOException
        {
            final int b = (int)(sequence.getAndIncrement() % BATCH_POOL);
            expectOk("PutBatch", client.putBatchFramed(to, batches[b], batchLengths[b]));
            return batchBytes[b];
        }

        private long getRange() throws IOException
        {
            scanBytes = 0;
            expectOk("GetRange", client.getRange(channel, lower, upper, counter));
            return scanBytes;
        }

        private long getAll() throws IOException
        {
            scanBytes = 0;
            expectOk("GetAll", client.getAll(channel, counter));
            return scanBytes;
        }
    }

    private static void expectOk(final String request, final SwarmStatus status)
    {
        if (SwarmStatus.OK != status)
        {
            throw new IllegalStateException(request + " answered " + status);
        }
    }
}
