package org.swarmjvm.dht.node.redistribution;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Moves every record that a target node now owns to that node (dhtnode's {@code RedistributionProcess}): channel
 * by channel, one map segment at a time, as PutBatch requests of at most {@code batch_size}, up to
 * {@link #BATCHES_IN_FLIGHT} of them sent to a target before the oldest must be acknowledged (the acknowledgements
 * come in order); a record is removed here only after its batch was acknowledged. A redistribution without
 * targets only takes the new range: it has nothing to move, and no records are read. A failed send is retried
 * after 2 s, as in the original, but only {@link #MAX_ATTEMPTS} times; then the redistribution fails and the
 * records not yet moved stay here. Unlike the original, a record too large for a batch is kept (and logged), not
 * deleted. Runs on the blocking worker.
 * <p>
 * Before that, {@link #takeRange} hands the sub-range over to each target that grows and does not claim it yet
 * (docs/dht.md, "Moving ranges"): with GetResponsibleRange held on this node, the target takes its range
 * (Redistribute with no target), and only then does this node shrink.
 */
public final class Redistribution implements DhtChannel.RecordSink
{
    /** Attempts per segment before giving up. */
    static final int MAX_ATTEMPTS = 5;

    /** PutBatch requests sent to a target and not yet acknowledged, at most. */
    static final int BATCHES_IN_FLIGHT = 4;

    private static final Logger LOG = System.getLogger(Redistribution.class.getName());
    private static final long RETRY_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final DhtStorage storage;
    private final List<Target> targets;
    private final List<TargetConnection> connections = new ArrayList<>();
    private final List<List<Record>> staged = new ArrayList<>();
    private final ArrayDeque<List<Record>> inFlight = new ArrayDeque<>();
    private final RecordBatchWriter batch;
    private long moved;

    private record Record(long key, byte[] value)
    {
    }

    /**
     * @param storage   of this node.
     * @param targets   nodes to move records to.
     * @param batchSize the node's {@code batch_size}.
     */
    public Redistribution(final DhtStorage storage, final List<Target> targets, final int batchSize)
    {
        this.storage = storage;
        this.targets = List.copyOf(targets);
        this.batch = new RecordBatchWriter(batchSize);
        for (final Target target : this.targets)
        {
            connections.add(new TargetConnection(new InetSocketAddress(target.address(), target.port())));
            staged.add(new ArrayList<>());
        }
    }

    /**
     * Takes this node's new range; when a target grows into hashes it does not claim yet, as a handover:
     * GetResponsibleRange is held here while the target takes its range, and this node shrinks once it answered
     * 200, or when it refused or did not answer within {@link TargetConnection#HANDOVER_ANSWER_TIMEOUT_MS}
     * (logged; the records are then forwarded as without a handover). Blocking: worker thread only.
     *
     * @param newRange this node's range.
     */
    public void takeRange(final HashRange newRange)
    {
        final List<Integer> growing = growingTargets();
        if (growing.isEmpty())
        {
            storage.range(newRange);
            return;
        }
        storage.rangeHold().start();
        try
        {
            for (final int i : growing)
            {
                handOver(targets.get(i), connections.get(i));
            }
        }
        finally
        {
            storage.range(newRange);
            storage.rangeHold().end();
        }
    }

    /** @return the indexes of the targets whose named range holds their current one and more. */
    private List<Integer> growingTargets()
    {
        final List<Integer> growing = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++)
        {
            final HashRange named = targets.get(i).range();
            try
            {
                final HashRange current = connections.get(i).range();
                if (!named.equals(current) && contains(named, current))
                {
                    growing.add(i);
                }
            }
            catch (final IOException ex)
            {
                LOG.log(Level.WARNING, "no handover to {0}:{1}: its range cannot be asked: {2}",
                    targets.get(i).address(), targets.get(i).port(), ex.getMessage());
            }
        }
        return growing;
    }

    private static boolean contains(final HashRange outer, final HashRange inner)
    {
        return inner.isEmpty() || !outer.isEmpty() && Long.compareUnsigned(outer.min(), inner.min()) <= 0 &&
            Long.compareUnsigned(inner.max(), outer.max()) <= 0;
    }

    private static void handOver(final Target target, final TargetConnection connection)
    {
        try
        {
            final int status = connection.takeRange(target.range());
            if (SwarmStatus.OK.code() != status)
            {
                LOG.log(Level.WARNING, "handover to {0}:{1} refused with status {2}: shrinking without it",
                    target.address(), target.port(), status);
            }
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "handover to {0}:{1} not answered ({2}): shrinking without it",
                target.address(), target.port(), ex.getMessage());
        }
    }

    /**
     * Moves the records.
     *
     * @return true when every record owned by a target was moved.
     */
    public boolean run()
    {
        if (targets.isEmpty())
        {
            return true;
        }
        final long start = System.nanoTime();
        try
        {
            for (final DhtChannel channel : List.copyOf(storage.channels()))
            {
                for (int segment = 0; segment < channel.segments() && !channel.isRemoved(); segment++)
                {
                    if (!moveSegment(channel, segment))
                    {
                        return false;
                    }
                }
            }
            LOG.log(Level.INFO, "redistribution done: {0} records moved in {1} ms", moved,
                (System.nanoTime() - start) / 1_000_000);
            return true;
        }
        finally
        {
            connections.forEach(TargetConnection::close);
        }
    }

    private boolean moveSegment(final DhtChannel channel, final int segment)
    {
        staged.forEach(List::clear);
        channel.forEachInSegment(segment, this);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                for (int i = 0; i < targets.size(); i++)
                {
                    send(channel, connections.get(i), staged.get(i));
                }
                return true;
            }
            catch (final IOException ex)
            {
                if (attempt >= MAX_ATTEMPTS)
                {
                    LOG.log(Level.ERROR, "redistribution of channel " + channel.name() + " failed after " + attempt +
                        " attempts; the records not moved stay on this node", ex);
                    return false;
                }
                LOG.log(Level.WARNING, "redistribution of channel {0}: {1}; retrying in 2 s", channel.name(),
                    ex.getMessage());
                LockSupport.parkNanos(RETRY_WAIT_NANOS);
            }
        }
    }

    private void send(final DhtChannel channel, final TargetConnection connection, final List<Record> records)
        throws IOException
    {
        inFlight.clear();
        List<Record> inBatch = new ArrayList<>();
        for (final Record record : records)
        {
            final UnsafeBuffer value = new UnsafeBuffer(record.value());
            if (!batch.appendRecord(record.key(), value, 0, record.value().length))
            {
                inBatch = flush(channel, connection, inBatch);
                batch.appendRecord(record.key(), value, 0, record.value().length);
            }
            inBatch.add(record);
        }
        flush(channel, connection, inBatch);
        while (!inFlight.isEmpty())
        {
            acknowledge(channel, connection);
        }
        records.clear();
    }

    /** Sends the batch; once {@link #BATCHES_IN_FLIGHT} are unanswered, waits for the oldest. */
    private List<Record> flush(final DhtChannel channel, final TargetConnection connection,
        final List<Record> inBatch) throws IOException
    {
        if (inBatch.isEmpty())
        {
            return inBatch;
        }
        connection.write(channel.name(), batch);
        inFlight.addLast(inBatch);
        if (inFlight.size() >= BATCHES_IN_FLIGHT)
        {
            acknowledge(channel, connection);
        }
        return new ArrayList<>();
    }

    private void acknowledge(final DhtChannel channel, final TargetConnection connection) throws IOException
    {
        connection.awaitAcknowledgement();
        final List<Record> acknowledged = inFlight.removeFirst();
        for (final Record record : acknowledged)
        {
            channel.remove(record.key());
        }
        moved += acknowledged.size();
    }

    @Override
    public void onRecord(final long key, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        final long hash = Long.reverse(key);
        for (int i = 0; i < targets.size(); i++)
        {
            if (targets.get(i).range().containsHash(hash))
            {
                if (!batch.fitsEmptyBatch(HexKey.LENGTH, valueLength))
                {
                    LOG.log(Level.WARNING, "record {0} of {1} bytes is too large for a batch: kept on this node",
                        HexKey.toString(key), valueLength);
                    return;
                }
                final byte[] copy = new byte[valueLength];
                value.getBytes(valueOffset, copy);
                staged.get(i).add(new Record(key, copy));
                return;
            }
        }
    }
}
