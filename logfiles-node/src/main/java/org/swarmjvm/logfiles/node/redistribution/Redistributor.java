package org.swarmjvm.logfiles.node.redistribution;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.logfiles.node.storage.BucketLayout;
import org.swarmjvm.logfiles.node.storage.BucketReader;
import org.swarmjvm.logfiles.node.storage.LogfilesChannel;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.logfiles.node.storage.Quarantine;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.logfiles.LogfilesConst;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;
import org.swarmjvm.protocol.logfiles.codec.RedistributeRequestDecoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves buckets to other nodes (the original's {@code RedistributeRequest}): for every channel, every bucket in
 * scan order is picked with probability {@code fraction}; a picked bucket is detached (buffers written out, file
 * renamed {@code <bucket>.tmp}), its records are sent in PutBatch requests to the targets in turn, and the
 * {@code .tmp} file is deleted once every batch was accepted.
 * <p>
 * Differences from the original, each one of its defects: records still buffered are written out before the
 * rename and so are moved too; the record that does not fit the current batch starts the next one instead of
 * being dropped; a record too large for a 64 KiB batch travels alone in a batch of its size; the {@code .tmp} file
 * is deleted after success instead of left behind, unless the file is damaged: the records before and after the
 * damage are moved (the reader resynchronises) and the file is kept as {@code <bucket>.bad}. A batch that no target
 * accepts (three rounds over all targets)
 * stops the redistribution: the bucket is renamed back (records of it already accepted then exist twice) and the
 * request fails with 500. One redistribution runs at a time per node, on a thread of its own, since it can take
 * hours; a second request meanwhile is refused with 500, as in the original.
 */
public final class Redistributor
{
    private static final System.Logger LOG = System.getLogger(Redistributor.class.getName());
    private static final int ROUNDS = 3;

    private final LogfilesStorage storage;
    private final AtomicBoolean running = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong movedRecords = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong movedBytes = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param storage the node's storage.
     */
    public Redistributor(final LogfilesStorage storage)
    {
        this.storage = storage;
    }

    /**
     * Starts a redistribution on its own thread.
     *
     * @param fraction of the buckets to move, {@code 0 < fraction <= 1}.
     * @param targets  nodes to move them to.
     * @param onDone   called on that thread when done, with true on success.
     * @return false when another redistribution is running: nothing was started.
     */
    public boolean start(final float fraction, final List<RedistributeRequestDecoder.Target> targets,
        final java.util.function.Consumer<Boolean> onDone)
    {
        if (targets.isEmpty() || !running.compareAndSet(false, true))
        {
            return false;
        }
        final List<RedistributeRequestDecoder.Target> copy = List.copyOf(targets);
        final Thread thread = new Thread(() ->
        {
            boolean ok = false;
            try
            {
                ok = run(fraction, copy);
            }
            catch (final IOException | RuntimeException ex)
            {
                LOG.log(System.Logger.Level.ERROR, "redistribution failed", ex);
            }
            finally
            {
                running.set(false);
                onDone.accept(ok);
            }
        }, "logfiles-redistribution");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /**
     * @return records moved since the last call ({@code action/redistributed/records}).
     */
    public long takeMovedRecords()
    {
        return movedRecords.getAndSet(0);
    }

    /**
     * @return batch bytes moved since the last call ({@code action/redistributed/bytes}).
     */
    public long takeMovedBytes()
    {
        return movedBytes.getAndSet(0);
    }

    private boolean run(final float fraction, final List<RedistributeRequestDecoder.Target> targets)
        throws IOException
    {
        LOG.log(System.Logger.Level.INFO, "redistribution of {0} of the buckets to {1} started", fraction, targets);
        final SplittableRandom random = new SplittableRandom();
        try (Targets clients = new Targets(targets); BucketReader reader = new BucketReader(64 * 1024))
        {
            final Batches batches = new Batches();
            for (final LogfilesChannel channel : storage.channels())
            {
                for (final long bucketId : channel.bucketIds())
                {
                    if (!(fraction > random.nextDouble()))
                    {
                        continue;
                    }
                    final Path detached = channel.detachBucket(bucketId);
                    if (null == detached)
                    {
                        continue;
                    }
                    if (!forward(channel.name(), detached, bucketId, reader, batches, clients))
                    {
                        reader.close();
                        final Path original = detached.resolveSibling(
                            detached.getFileName().toString().replace(".tmp", ""));
                        if (!Files.exists(original))
                        {
                            Files.move(detached, original);
                        }
                        return false;
                    }
                    final long damage = reader.firstDamage();
                    reader.close();
                    if (damage < 0)
                    {
                        Files.delete(detached);
                    }
                    else
                    {
                        LOG.log(System.Logger.Level.WARNING, "redistribution: bucket {0} is damaged at offset " +
                            "{1,number,#}; its readable records were moved, the file is kept in {2}", detached,
                            damage, Quarantine.moveAside(detached,
                                BucketLayout.bucketPath(channel.dir(), bucketId << BucketLayout.BUCKET_SHIFT)));
                    }
                }
            }
        }
        LOG.log(System.Logger.Level.INFO, "redistribution done");
        return true;
    }

    private boolean forward(final String channel, final Path file, final long bucketId, final BucketReader reader,
        final Batches batches, final Targets clients) throws IOException
    {
        if (!reader.open(file, 0, bucketId))
        {
            return true;
        }
        final RecordBatchWriter batch = batches.regular;
        while (reader.next())
        {
            final long key = reader.key();
            final DirectBuffer value = reader.valueBuffer();
            final int offset = reader.valueOffset();
            final int length = reader.valueLength();
            if (!batch.fitsEmptyBatch(HexKey.LENGTH, length))
            {
                if (!clients.send(channel, batches.oversize(key, value, offset, length)))
                {
                    return false;
                }
                count(1, length);
                continue;
            }
            if (!batch.appendRecord(key, value, offset, length))
            {
                final int entries = batch.entries();
                final int bytes = batch.length();
                if (!clients.send(channel, batch))
                {
                    return false;
                }
                count(entries, bytes);
                batch.appendRecord(key, value, offset, length);
            }
        }
        if (batch.entries() > 0)
        {
            final int entries = batch.entries();
            final int bytes = batch.length();
            if (!clients.send(channel, batch))
            {
                return false;
            }
            count(entries, bytes);
        }
        return true;
    }

    private void count(final long records, final long bytes)
    {
        movedRecords.addAndGet(records);
        movedBytes.addAndGet(bytes);
    }

    /**
     * The batch writers: one of the protocol's size, and one made to measure for a record too large for it.
     */
    private static final class Batches
    {
        private final RecordBatchWriter regular = new RecordBatchWriter(LogfilesConst.BATCH_SIZE);
        private final ExpandableArrayBuffer key = new ExpandableArrayBuffer(HexKey.LENGTH);

        RecordBatchWriter oversize(final long recordKey, final DirectBuffer value, final int offset, final int length)
        {
            final RecordBatchWriter alone =
                new RecordBatchWriter(RecordBatchWriter.ENTRY_OVERHEAD + HexKey.LENGTH + length);
            HexKey.put(recordKey, key, 0);
            alone.appendRecord(key, 0, HexKey.LENGTH, value, offset, length);
            return alone;
        }
    }

    /**
     * The target nodes, used in turn; a connection that fails is dropped and made again on next use.
     */
    private static final class Targets implements AutoCloseable
    {
        private final List<RedistributeRequestDecoder.Target> targets;
        private final List<LogfilesClient> clients = new ArrayList<>();
        private int next;

        Targets(final List<RedistributeRequestDecoder.Target> targets)
        {
            this.targets = targets;
            for (int i = 0; i < targets.size(); i++)
            {
                clients.add(null);
            }
        }

        /**
         * Sends a batch to the next target that accepts it; the batch is reset.
         *
         * @return false when no target accepted it.
         */
        boolean send(final String channel, final RecordBatchWriter batch)
        {
            final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(batch.length() + 64);
            final int framed = batch.writeArray(copy, 0);
            for (int attempt = 0; attempt < ROUNDS * targets.size(); attempt++)
            {
                final int index = next;
                next = (next + 1) % targets.size();
                try
                {
                    if (SwarmStatus.OK == client(index).putBatchFramed(channel, copy, framed))
                    {
                        return true;
                    }
                    LOG.log(System.Logger.Level.WARNING, "{0} refused a batch of {1}", targets.get(index), channel);
                }
                catch (final IOException ex)
                {
                    LOG.log(System.Logger.Level.WARNING, "sending a batch of {0} to {1} failed: {2}",
                        channel, targets.get(index), ex.getMessage());
                    closeClient(index);
                }
            }
            return false;
        }

        private LogfilesClient client(final int index) throws IOException
        {
            LogfilesClient client = clients.get(index);
            if (null == client)
            {
                final RedistributeRequestDecoder.Target target = targets.get(index);
                client = new LogfilesClient(new InetSocketAddress(target.address(), target.port()));
                clients.set(index, client);
            }
            return client;
        }

        private void closeClient(final int index)
        {
            final LogfilesClient client = clients.set(index, null);
            if (null != client)
            {
                try
                {
                    client.close();
                }
                catch (final IOException ex)
                {
                    LOG.log(System.Logger.Level.DEBUG, "closing a target connection", ex);
                }
            }
        }

        @Override
        public void close()
        {
            for (int i = 0; i < clients.size(); i++)
            {
                closeClient(i);
            }
        }
    }
}
