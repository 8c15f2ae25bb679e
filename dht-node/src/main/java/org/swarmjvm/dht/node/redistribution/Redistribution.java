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
import java.util.function.BiConsumer;

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
 * (docs/dht.md, "Moving ranges"): with GetResponsibleRange held on this node, the targets take their ranges
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

    /** Sends one request of the handover to a target, without waiting for its answer. */
    @FunctionalInterface
    private interface HandoverRequest
    {
        void send(int target) throws IOException;
    }

    /** Reads a target's answer to a request of the handover. */
    @FunctionalInterface
    private interface HandoverAnswer
    {
        void read(int target, long deadlineNanos) throws IOException;
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
     * Takes this node's new range; when a target grows into hashes this node gives away and the target does not
     * claim yet, as a handover: GetResponsibleRange is held here while the growing targets take their ranges, and
     * this node shrinks once they answered, 200 or not, or when {@link TargetConnection#HANDOVER_ANSWER_TIMEOUT_MS}
     * passed (logged; the records are then forwarded as without a handover). The targets are asked at once, so the
     * hold lasts one such timeout however many of them stay silent. Blocking: worker thread only.
     *
     * @param newRange this node's range.
     */
    public void takeRange(final HashRange newRange)
    {
        final List<Integer> growing = growingTargets(newRange);
        if (growing.isEmpty())
        {
            storage.range(newRange);
            return;
        }
        storage.rangeHold().start();
        try
        {
            askAtOnce(growing, i -> connections.get(i).requestRangeTaken(targets.get(i).range()),
                (i, deadlineNanos) ->
                {
                    final int status = connections.get(i).rangeTaken(deadlineNanos);
                    if (SwarmStatus.OK.code() != status)
                    {
                        LOG.log(Level.WARNING, "handover to {0}:{1,number,#} refused with status {2}: " +
                            "shrinking without it",
                            targets.get(i).address(), targets.get(i).port(), status);
                    }
                },
                (target, ex) -> LOG.log(Level.WARNING,
                    "handover to {0}:{1,number,#} not answered ({2}): shrinking without it",
                    target.address(), target.port(), ex.getMessage()));
        }
        finally
        {
            storage.range(newRange);
            storage.rangeHold().end();
        }
    }

    /**
     * Asks the targets that receive hashes from this node their range, at once; a target that gains nothing from
     * this node (a sweep names every node with the range it has) needs no handover and is not asked.
     *
     * @param newRange this node's range.
     * @return the indexes of the asked targets whose named range holds their current one and more.
     */
    private List<Integer> growingTargets(final HashRange newRange)
    {
        final HashRange current = storage.range();
        final List<Integer> receiving = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++)
        {
            if (receives(targets.get(i).range(), current, newRange))
            {
                receiving.add(i);
            }
        }
        final List<Integer> growing = new ArrayList<>();
        askAtOnce(receiving, i -> connections.get(i).requestRange(), (i, deadlineNanos) ->
            {
                final HashRange named = targets.get(i).range();
                final HashRange claimed = connections.get(i).range(deadlineNanos);
                if (!named.equals(claimed) && contains(named, claimed))
                {
                    growing.add(i);
                }
            },
            (target, ex) -> LOG.log(Level.WARNING, "no handover to {0}:{1,number,#}: its range cannot be asked: {2}",
                target.address(), target.port(), ex.getMessage()));
        return growing;
    }

    /**
     * Sends a request of the handover to each of the targets before reading any answer, then reads the answers
     * until one deadline: however many targets are silent, they cost one
     * {@link TargetConnection#HANDOVER_ANSWER_TIMEOUT_MS} together.
     *
     * @param asked   indexes of the targets.
     * @param request sends the request to a target.
     * @param answer  reads a target's answer by the deadline.
     * @param failed  reports a target that could not be sent the request or did not answer in time.
     */
    private void askAtOnce(final List<Integer> asked, final HandoverRequest request, final HandoverAnswer answer,
        final BiConsumer<Target, IOException> failed)
    {
        final List<Integer> sent = new ArrayList<>();
        for (final int i : asked)
        {
            try
            {
                request.send(i);
                sent.add(i);
            }
            catch (final IOException ex)
            {
                failed.accept(targets.get(i), ex);
            }
        }
        final long deadlineNanos =
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TargetConnection.HANDOVER_ANSWER_TIMEOUT_MS);
        for (final int i : sent)
        {
            try
            {
                answer.read(i, deadlineNanos);
            }
            catch (final IOException ex)
            {
                failed.accept(targets.get(i), ex);
            }
        }
    }

    /**
     * @return true when {@code named} holds a hash of {@code current} that {@code newRange} does not keep.
     */
    private static boolean receives(final HashRange named, final HashRange current, final HashRange newRange)
    {
        if (!named.overlaps(current))
        {
            return false;
        }
        final long sharedMin = Long.compareUnsigned(named.min(), current.min()) >= 0 ? named.min() : current.min();
        final long sharedMax = Long.compareUnsigned(named.max(), current.max()) <= 0 ? named.max() : current.max();
        return !contains(newRange, new HashRange(sharedMin, sharedMax));
    }

    private static boolean contains(final HashRange outer, final HashRange inner)
    {
        return inner.isEmpty() || !outer.isEmpty() && Long.compareUnsigned(outer.min(), inner.min()) <= 0 &&
            Long.compareUnsigned(inner.max(), outer.max()) <= 0;
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
