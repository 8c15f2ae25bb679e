package org.swarmjvm.dht.node.neo;

import org.agrona.ExpandableDirectByteBuffer;
import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.neo.NeoEngine;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.protocol.batch.RecordBatchWriter.KeyFormat;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The DHT's neo requests over the storage the legacy requests use. Everything runs on the poller thread, so the
 * batch writers and the value scratch buffer are shared by all requests: each is filled and emptied within one
 * call.
 */
public final class DhtNeoEngine implements NeoEngine
{
    /** The original's Mirror update queue bound, in entries. */
    public static final int DEFAULT_MIRROR_QUEUE_CAPACITY = 262_144;

    private static final String[] REQUEST_NAMES = {null, "GetHashRange", "Put", "Get", "Mirror", "GetAll",
        "GetChannels", "Exists", "Remove", "RemoveChannel", "Update"};

    private final DhtStorage storage;
    private final DhtOperations operations;
    private final int mirrorQueueCapacity;
    private final RecordBatchWriter getAllBatch = new RecordBatchWriter(KeyFormat.LONG_ARRAY, DhtNeoRequest.BATCH_SIZE);
    private final RecordBatchWriter mirrorBatch =
        RecordBatchWriter.belowThreshold(KeyFormat.BARE_LONG, DhtNeoRequest.BATCH_SIZE);
    private final ExpandableDirectByteBuffer valueScratch = new ExpandableDirectByteBuffer(DhtNeoRequest.BATCH_SIZE);
    private final Set<GetHashRangeHandler> hashRangeRequests = new LinkedHashSet<>();
    private final Set<MirrorHandler> mirrors = new LinkedHashSet<>();
    private final ArrayList<MirrorHandler> tickScratch = new ArrayList<>();
    private HashRange announcedRange;
    private List<Target> announcedNodes;

    /**
     * @param storage             shared with the legacy requests.
     * @param dumpDirectory       where RemoveChannel moves dump files from; {@code null} for none.
     * @param mirrorQueueCapacity most queued updates per Mirror before updates are lost (and signalled).
     */
    public DhtNeoEngine(final DhtStorage storage, final DumpDirectory dumpDirectory, final int mirrorQueueCapacity)
    {
        this.storage = storage;
        this.operations = new DhtOperations(storage, dumpDirectory);
        this.mirrorQueueCapacity = mirrorQueueCapacity;
        this.announcedRange = storage.range();
        this.announcedNodes = storage.learnedNodes();
    }

    @Override
    public String[] requestNames()
    {
        return REQUEST_NAMES.clone();
    }

    @Override
    public int requestVersion(final int code)
    {
        return DhtNeoRequest.VERSION;
    }

    /** Spec neo.md 10: the single-record requests are timed. */
    @Override
    public boolean isTimed(final int code)
    {
        return DhtNeoRequest.PUT == code || DhtNeoRequest.EXISTS == code || DhtNeoRequest.GET == code ||
            DhtNeoRequest.UPDATE == code || DhtNeoRequest.REMOVE == code;
    }

    @Override
    public NeoRequest newRequest(final int code, final NodeServices services)
    {
        switch (code)
        {
            case DhtNeoRequest.GET_HASH_RANGE:
                return new GetHashRangeHandler(this);
            case DhtNeoRequest.MIRROR:
                return new MirrorHandler(this);
            case DhtNeoRequest.GET_ALL:
                return new GetAllHandler(this, services.requestMemory());
            case DhtNeoRequest.GET_CHANNELS:
                return new GetChannelsHandler(this);
            case DhtNeoRequest.REMOVE_CHANNEL:
                return new RemoveChannelHandler(this, services);
            case DhtNeoRequest.UPDATE:
                return new UpdateHandler(this);
            default:
                return new SingleKeyHandler(this, code);
        }
    }

    @Override
    public int doWork(final long nowNanos)
    {
        int work = 0;
        final HashRange range = storage.range();
        if (!range.equals(announcedRange))
        {
            announcedRange = range;
            for (final GetHashRangeHandler request : new ArrayList<>(hashRangeRequests))
            {
                request.onRangeChanged(range);
                work++;
            }
        }
        final List<Target> nodes = storage.learnedNodes();
        if (nodes != announcedNodes)
        {
            announcedNodes = nodes;
            for (final GetHashRangeHandler request : new ArrayList<>(hashRangeRequests))
            {
                for (int i = 0, size = nodes.size(); i < size; i++)
                {
                    request.onNewNode(nodes.get(i));
                }
                work++;
            }
        }
        if (!mirrors.isEmpty())
        {
            tickScratch.clear();
            tickScratch.addAll(mirrors);
            for (int i = 0, size = tickScratch.size(); i < size; i++)
            {
                tickScratch.get(i).onTick(nowNanos);
            }
            tickScratch.clear();
        }
        return work;
    }

    String[] names()
    {
        return REQUEST_NAMES;
    }

    DhtOperations operations()
    {
        return operations;
    }

    int mirrorQueueCapacity()
    {
        return mirrorQueueCapacity;
    }

    RecordBatchWriter getAllBatch()
    {
        return getAllBatch;
    }

    RecordBatchWriter mirrorBatch()
    {
        return mirrorBatch;
    }

    ExpandableDirectByteBuffer valueScratch()
    {
        return valueScratch;
    }

    Set<GetHashRangeHandler> hashRangeRequests()
    {
        return hashRangeRequests;
    }

    Set<MirrorHandler> mirrors()
    {
        return mirrors;
    }
}
