package org.swarmjvm.protocol.dht.client;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.batch.RecordBatchWriter;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A blocking client of the legacy DHT protocol (dhtproto's legacy {@code DhtClient}). {@link #connect(List)}
 * runs the handshake: every node must answer GetVersion with {@value DhtConst#API_VERSION} and the ranges from
 * GetResponsibleRange must cover every hash exactly once (or at most once, with
 * {@link DhtClientContext#allowRangeGaps(boolean)}). Single-key commands then go to the node whose range
 * holds the bit-reversed key, all-nodes commands to every node in turn, PutBatch and Redistribute to the node
 * named.
 * <p>
 * Statuses (spec §4.5): 200 reads the answer; 500 and unknown codes close the connection and throw
 * {@link DhtStatusException}; other statuses throw it and keep the connection. I/O failures close the connection
 * and throw {@link DhtClientException}; the next request reconnects. Thread-safe: each node has a pool of
 * connections, one request per connection at a time.
 * <p>
 * Moving ranges (docs/dht.md, "Moving ranges"; off with {@link DhtClientContext#followMoves(boolean)}): a single-key
 * request answered WrongNode runs the handshake again over every known node (and those
 * {@link DhtClientContext#nodeSource(java.util.function.Supplier)} names), waits until the ranges cover every hash
 * exactly once, and is sent again to the new owner, up to {@value #MAX_HANDSHAKES_PER_REQUEST} times. A request
 * that fails on a node that one new handshake shows no longer owns the key is sent again too. A Get or Exists that
 * finds nothing asks the node whether it still owns the key and, when its range was handed over at the last
 * handshake, looks on the previous owner, then on the owner again. Other requests are not retried. A client that
 * sees no move sends what the legacy client sends, save for that question after a miss.
 */
public final class DhtClient implements AutoCloseable
{
    /** Uncompressed size of the batches PutBatch sends, as the legacy client. */
    public static final int PUT_BATCH_SIZE = 64 * 1024;

    /** Repeated handshakes one single-key request may run before it fails. */
    public static final int MAX_HANDSHAKES_PER_REQUEST = 8;

    private static final int MAX_ARRAY = ArrayPrefix.MAX_ARRAY_LENGTH;
    /** Pause between two handshakes that found the ranges of a move step in flight (two owners or none). */
    private static final long SETTLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Predicate<byte[]> VALUE_FOUND = value -> value.length > 0;
    private static final Predicate<Boolean> RECORD_FOUND = Boolean::booleanValue;

    private static final KeyRequest<byte[], Void> PUT_ARRAY = (connection, channel, key, value, offset, length) ->
    {
        connection.request().put(channel, key, value);
        return sendExpectingOk(connection, DhtCommand.PUT);
    };
    private static final KeyRequest<DirectBuffer, Void> PUT = (connection, channel, key, value, offset, length) ->
    {
        connection.request().put(channel, key, value, offset, length);
        return sendExpectingOk(connection, DhtCommand.PUT);
    };
    private static final KeyRequest<Void, byte[]> GET = (connection, channel, key, value, offset, length) ->
    {
        connection.request().get(channel, key);
        sendExpectingOk(connection, DhtCommand.GET);
        return connection.readArrayCopy(MAX_ARRAY);
    };
    private static final KeyRequest<Void, Boolean> EXISTS = (connection, channel, key, value, offset, length) ->
    {
        connection.request().exists(channel, key);
        sendExpectingOk(connection, DhtCommand.EXISTS);
        return connection.readU8() != 0;
    };
    private static final KeyRequest<Void, Void> REMOVE = (connection, channel, key, value, offset, length) ->
    {
        connection.request().remove(channel, key);
        return sendExpectingOk(connection, DhtCommand.REMOVE);
    };
    /** GetResponsibleRange, answering whether the node's range holds the key: the check of a miss. */
    private static final KeyRequest<Void, Boolean> OWNS_KEY = (connection, channel, key, value, offset, length) ->
    {
        final GetResponsibleRangeCodec answer = connection.askRange();
        return HashRange.containsKey(answer.min(), answer.max(), key);
    };

    private final DhtClientContext context;
    private final Map<NodeAddress, NodeConnectionPool> pools;
    /** Every node the client knows, in registry order then order learnt; guarded by itself. */
    private final Set<NodeAddress> known;
    private volatile NodeRegistry registry;

    private DhtClient(
        final DhtClientContext context, final Map<NodeAddress, NodeConnectionPool> pools, final NodeRegistry registry)
    {
        this.context = context;
        this.pools = new ConcurrentHashMap<>(pools);
        this.known = new LinkedHashSet<>(pools.keySet());
        this.registry = registry;
    }

    /**
     * Connects with the default settings.
     *
     * @param nodes of the DHT.
     * @return a client whose handshake succeeded.
     * @throws DhtHandshakeException when a version is wrong or the ranges overlap or leave a gap.
     * @throws DhtClientException    when a node cannot be reached.
     */
    public static DhtClient connect(final List<NodeAddress> nodes)
    {
        return connect(nodes, new DhtClientContext());
    }

    /**
     * Connects and runs the handshake: GetVersion, then GetResponsibleRange, on one connection per node.
     *
     * @param nodes   of the DHT, in registry order (the order routing tries them).
     * @param context settings.
     * @return a client whose handshake succeeded.
     * @throws DhtHandshakeException when a version is wrong or the ranges overlap or leave a gap.
     * @throws DhtClientException    when a node cannot be reached.
     */
    public static DhtClient connect(final List<NodeAddress> nodes, final DhtClientContext context)
    {
        if (nodes.isEmpty())
        {
            throw new IllegalArgumentException("a DHT needs at least one node");
        }
        final Map<NodeAddress, NodeConnectionPool> pools = new LinkedHashMap<>();
        for (final NodeAddress node : nodes)
        {
            if (null != pools.put(node, new NodeConnectionPool(node, context)))
            {
                throw new IllegalArgumentException("node " + node + " is listed twice");
            }
        }
        try
        {
            final Map<NodeAddress, HashRange> ranges = new LinkedHashMap<>();
            for (final NodeConnectionPool pool : pools.values())
            {
                ranges.put(pool.node(), call(pool, DhtClient::handshake));
            }
            return new DhtClient(context, pools, new NodeRegistry(ranges, context.allowRangeGaps()));
        }
        catch (final RuntimeException ex)
        {
            pools.values().forEach(NodeConnectionPool::close);
            throw ex;
        }
    }

    /**
     * @return the nodes, in registry order.
     */
    public List<NodeAddress> nodes()
    {
        return registry.nodes();
    }

    /**
     * @param key a record key.
     * @return the node single-key commands for this key go to.
     */
    public NodeAddress nodeFor(final long key)
    {
        return registry.nodeFor(key);
    }

    /**
     * Stores a record, replacing any record of that key.
     *
     * @param channel name.
     * @param key     of the record.
     * @param value   not empty.
     */
    public void put(final String channel, final long key, final byte[] value)
    {
        checkPut(channel, value.length);
        routed(PUT_ARRAY, channel, key, value, 0, value.length);
    }

    /**
     * Stores a record, replacing any record of that key.
     *
     * @param channel name.
     * @param key     of the record.
     * @param value   buffer holding the value.
     * @param offset  of the value.
     * @param length  of the value, at least 1.
     */
    public void put(final String channel, final long key, final DirectBuffer value, final int offset, final int length)
    {
        checkPut(channel, length);
        routed(PUT, channel, key, value, offset, length);
    }

    /**
     * @param channel name.
     * @param key     of the record.
     * @return the value; an empty array when the record or the channel does not exist.
     */
    public byte[] get(final String channel, final long key)
    {
        checkChannel(channel);
        return read(GET, VALUE_FOUND, channel, key);
    }

    /**
     * @param channel name.
     * @param key     of the record.
     * @return whether the record exists.
     */
    public boolean exists(final String channel, final long key)
    {
        checkChannel(channel);
        return read(EXISTS, RECORD_FOUND, channel, key);
    }

    /**
     * Removes a record; succeeds whether or not it existed.
     *
     * @param channel name.
     * @param key     of the record.
     */
    public void remove(final String channel, final long key)
    {
        checkChannel(channel);
        routed(REMOVE, channel, key, null, 0, 0);
    }

    /**
     * @return the channels of every node, without duplicates.
     */
    public Set<String> getChannels()
    {
        final Set<String> channels = new LinkedHashSet<>();
        for (final NodeConnectionPool pool : registryPools())
        {
            call(pool, connection ->
            {
                connection.request().command(DhtCommand.GET_CHANNELS);
                sendExpectingOk(connection, DhtCommand.GET_CHANNELS);
                for (String name = connection.readArrayText(MAX_ARRAY); !name.isEmpty();
                    name = connection.readArrayText(MAX_ARRAY))
                {
                    channels.add(name);
                }
                return null;
            });
        }
        return channels;
    }

    /**
     * @return records and bytes of every node.
     */
    public SizeReport getSize()
    {
        final List<NodeSize> sizes = new ArrayList<>();
        for (final NodeConnectionPool pool : registryPools())
        {
            sizes.add(call(pool, connection ->
            {
                connection.request().command(DhtCommand.GET_SIZE);
                sendExpectingOk(connection, DhtCommand.GET_SIZE);
                return readSize(connection);
            }));
        }
        return new SizeReport(sizes);
    }

    /**
     * @param channel name.
     * @return records and bytes of the channel on every node.
     */
    public SizeReport getChannelSize(final String channel)
    {
        checkChannel(channel);
        final List<NodeSize> sizes = new ArrayList<>();
        for (final NodeConnectionPool pool : registryPools())
        {
            sizes.add(call(pool, connection ->
            {
                connection.request().channel(DhtCommand.GET_CHANNEL_SIZE, channel);
                sendExpectingOk(connection, DhtCommand.GET_CHANNEL_SIZE);
                return readSize(connection);
            }));
        }
        return new SizeReport(sizes);
    }

    /**
     * @return every node's current hash range, in registry order.
     */
    public Map<NodeAddress, HashRange> getResponsibleRange()
    {
        final Map<NodeAddress, HashRange> ranges = new LinkedHashMap<>();
        for (final NodeConnectionPool pool : registryPools())
        {
            ranges.put(pool.node(), call(pool, DhtClient::readRange));
        }
        return ranges;
    }

    /**
     * Removes a channel from every node; succeeds whether or not it existed.
     *
     * @param channel name.
     */
    public void removeChannel(final String channel)
    {
        checkChannel(channel);
        for (final NodeConnectionPool pool : registryPools())
        {
            call(pool, connection ->
            {
                connection.request().channel(DhtCommand.REMOVE_CHANNEL, channel);
                return sendExpectingOk(connection, DhtCommand.REMOVE_CHANNEL);
            });
        }
    }

    /**
     * @return every node's count of open legacy connections.
     */
    public List<NumConnections> getNumConnections()
    {
        final List<NumConnections> counts = new ArrayList<>();
        for (final NodeConnectionPool pool : registryPools())
        {
            counts.add(call(pool, connection ->
            {
                connection.request().command(DhtCommand.GET_NUM_CONNECTIONS);
                sendExpectingOk(connection, DhtCommand.GET_NUM_CONNECTIONS);
                final String address = connection.readArrayText(MAX_ARRAY);
                final int port = connection.readU16();
                return new NumConnections(connection.node(), address, port, connection.readU64());
            }));
        }
        return counts;
    }

    /**
     * @return every node's API version string.
     */
    public Map<NodeAddress, String> getVersion()
    {
        final Map<NodeAddress, String> versions = new LinkedHashMap<>();
        for (final NodeConnectionPool pool : registryPools())
        {
            versions.put(pool.node(), call(pool, DhtClient::readVersion));
        }
        return versions;
    }

    /**
     * Streams every record of a channel from every node. Records arrive in the nodes' iteration order.
     *
     * @param channel name.
     * @param records receives each record.
     */
    public void getAll(final String channel, final RecordConsumer records)
    {
        checkChannel(channel);
        bulk(DhtCommand.GET_ALL, connection -> connection.request().channel(DhtCommand.GET_ALL, channel),
            records, null);
    }

    /**
     * Streams every key of a channel from every node.
     *
     * @param channel name.
     * @param keys    receives each key.
     */
    public void getAllKeys(final String channel, final KeyConsumer keys)
    {
        checkChannel(channel);
        bulk(DhtCommand.GET_ALL_KEYS, connection -> connection.request().channel(DhtCommand.GET_ALL_KEYS, channel),
            null, keys);
    }

    /**
     * Streams the records whose value contains {@code filter} from every node.
     *
     * @param channel name.
     * @param filter  byte string the values must contain; not empty.
     * @param records receives each matching record.
     */
    public void getAllFilter(final String channel, final byte[] filter, final RecordConsumer records)
    {
        checkChannel(channel);
        if (0 == filter.length)
        {
            throw new IllegalArgumentException("GetAllFilter needs a filter of at least one byte (use GetAll)");
        }
        bulk(DhtCommand.GET_ALL_FILTER, connection -> connection.request().getAllFilter(channel, filter),
            records, null);
    }

    /**
     * Starts listening to a channel on every node, each on a dedicated connection (Listen creates the channel).
     *
     * @param channel name.
     * @param handler receives the records from the nodes' reader threads, and the end of each stream.
     * @return the running listener; close it to stop.
     */
    public Listener listen(final String channel, final ListenHandler handler)
    {
        checkChannel(channel);
        return Listener.start(registry.nodes(), context, channel, handler);
    }

    /**
     * Stores records on one node without routing them (the node checks its range per record), in as many
     * PutBatch requests of {@value #PUT_BATCH_SIZE} uncompressed bytes as they need (one empty batch for no
     * records).
     *
     * @param node    to send to; one of this client's nodes.
     * @param channel name.
     * @param records to store; values not empty.
     */
    public void putBatch(final NodeAddress node, final String channel, final List<DhtRecord> records)
    {
        checkChannel(channel);
        final RecordBatchWriter batch = new RecordBatchWriter(PUT_BATCH_SIZE);
        for (final DhtRecord record : records)
        {
            if (0 == record.value().length)
            {
                throw new IllegalArgumentException("PutBatch record " + HexKey.toString(record.key()) +
                    " has an empty value");
            }
            if (!batch.fitsEmptyBatch(HexKey.LENGTH, record.value().length))
            {
                throw new IllegalArgumentException("PutBatch record " + HexKey.toString(record.key()) + " of " +
                    record.value().length + " bytes does not fit a batch of " + PUT_BATCH_SIZE);
            }
        }
        final NodeConnectionPool pool = pool(node);
        for (final DhtRecord record : records)
        {
            final UnsafeBuffer value = new UnsafeBuffer(record.value());
            if (!batch.appendRecord(record.key(), value, 0, record.value().length))
            {
                sendBatch(pool, channel, batch);
                batch.appendRecord(record.key(), value, 0, record.value().length);
            }
        }
        if (batch.entries() > 0 || records.isEmpty())
        {
            // No records still sends one empty batch, as the original tools do: the node creates the channel.
            sendBatch(pool, channel, batch);
        }
    }

    /**
     * Asks one node to take the new range and move the records outside it to the targets. The node answers
     * only when the records are moved.
     *
     * @param node     to redistribute.
     * @param newRange the node's new range.
     * @param targets  the nodes to move records to, with their ranges.
     */
    public void redistribute(
        final NodeAddress node, final HashRange newRange, final List<RedistributeRequestDecoder.Target> targets)
    {
        call(pool(node), connection ->
        {
            connection.request().redistribute(newRange, targets);
            return sendExpectingOk(connection, DhtCommand.REDISTRIBUTE);
        });
    }

    /**
     * Closes every pooled connection.
     */
    @Override
    public void close()
    {
        pools.values().forEach(NodeConnectionPool::close);
    }

    private void sendBatch(final NodeConnectionPool pool, final String channel, final RecordBatchWriter batch)
    {
        call(pool, connection ->
        {
            connection.request().putBatchHeader(channel);
            final int at = connection.writer().position();
            connection.writer().position(at + batch.writeArray(connection.writer().buffer(), at));
            return sendExpectingOk(connection, DhtCommand.PUT_BATCH);
        });
    }

    private void bulk(
        final DhtCommand command,
        final Consumer<NodeConnection> request,
        final RecordConsumer records,
        final KeyConsumer keys)
    {
        for (final NodeConnectionPool pool : registryPools())
        {
            call(pool, connection ->
            {
                request.accept(connection);
                sendExpectingOk(connection, command);
                readBatches(connection, records, keys);
                return null;
            });
        }
    }

    private static void readBatches(
        final NodeConnection connection, final RecordConsumer records, final KeyConsumer keys)
    {
        final RecordBatchReader reader = connection.batchReader();
        for (int length = connection.readArray(MAX_ARRAY); length > 0; length = connection.readArray(MAX_ARRAY))
        {
            try
            {
                reader.wrap(connection.arrayBuffer(), 0, length);
                while (null == keys ? reader.nextRecord() : reader.nextKey())
                {
                    if (!HexKey.isValid(reader.buffer(), reader.keyOffset(), reader.keyLength()))
                    {
                        throw new SwarmProtocolException("batch entry with a key that is not 16 hex digits");
                    }
                    final long key = HexKey.parse(reader.buffer(), reader.keyOffset());
                    if (null == keys)
                    {
                        final byte[] value = new byte[reader.valueLength()];
                        reader.buffer().getBytes(reader.valueOffset(), value);
                        records.accept(key, value);
                    }
                    else
                    {
                        keys.accept(key);
                    }
                }
            }
            catch (final SwarmProtocolException ex)
            {
                throw connection.protocolError("sent a bad record batch: " + ex.getMessage());
            }
        }
    }

    private static HashRange handshake(final NodeConnection connection)
    {
        final String version = readVersion(connection);
        if (!DhtConst.API_VERSION.equals(version))
        {
            throw new DhtHandshakeException("node " + connection.node() + " speaks API version \"" + version +
                "\", not " + DhtConst.API_VERSION);
        }
        return readRange(connection);
    }

    private static String readVersion(final NodeConnection connection)
    {
        connection.request().command(DhtCommand.GET_VERSION);
        sendExpectingOk(connection, DhtCommand.GET_VERSION);
        return connection.readArrayText(MAX_ARRAY);
    }

    private static HashRange readRange(final NodeConnection connection)
    {
        return connection.askRange().range();
    }

    private static NodeSize readSize(final NodeConnection connection)
    {
        final String address = connection.readArrayText(MAX_ARRAY);
        final int port = connection.readU16();
        final long records = connection.readU64();
        return new NodeSize(connection.node(), address, port, records, connection.readU64());
    }

    private static Void sendExpectingOk(final NodeConnection connection, final DhtCommand command)
    {
        connection.send();
        connection.expectOk(command.label());
        return null;
    }

    /**
     * A request that is not single-key: its adapter is built per call, as the lists and strings of its answer are.
     */
    private static <T> T call(final NodeConnectionPool pool, final Function<NodeConnection, T> request)
    {
        return call(pool, (connection, channel, key, value, offset, length) -> request.apply(connection),
            null, 0, null, 0, 0);
    }

    private static <V, T> T call(
        final NodeConnectionPool pool, final KeyRequest<V, T> request,
        final String channel, final long key, final V value, final int offset, final int length)
    {
        final NodeConnection connection = pool.acquire();
        try
        {
            return request.send(connection, channel, key, value, offset, length);
        }
        catch (final DhtStatusException ex)
        {
            throw ex;
        }
        catch (final RuntimeException | Error ex)
        {
            // A consumer's exception leaves the rest of a stream unread: the connection is out of step.
            connection.close();
            throw ex;
        }
        finally
        {
            pool.release(connection);
        }
    }

    /**
     * Sends a single-key request to the key's owner; a failure goes to {@link #routedAfter}.
     */
    private <V, T> T routed(
        final KeyRequest<V, T> request, final String channel, final long key, final V value, final int offset,
        final int length)
    {
        final NodeRegistry seen = registry;
        final NodeAddress node = seen.nodeFor(key);
        try
        {
            return call(pool(node), request, channel, key, value, offset, length);
        }
        catch (final DhtClientException ex)
        {
            return routedAfter(ex, seen, node, request, channel, key, value, offset, length);
        }
    }

    /**
     * After a failure of a single-key request: when the node answered WrongNode, or failed while a new handshake
     * routes the key elsewhere, the request goes to the new owner, for at most {@value #MAX_HANDSHAKES_PER_REQUEST}
     * handshakes; any other failure is thrown.
     */
    private <V, T> T routedAfter(
        final DhtClientException firstFailure, final NodeRegistry firstSeen, final NodeAddress firstNode,
        final KeyRequest<V, T> request, final String channel, final long key, final V value, final int offset,
        final int length)
    {
        DhtClientException failure = firstFailure;
        NodeRegistry seen = firstSeen;
        NodeAddress node = firstNode;
        for (int handshakes = 0; ; handshakes++)
        {
            if (!context.followMoves())
            {
                throw failure;
            }
            if (failure instanceof DhtStatusException status)
            {
                if (SwarmStatus.WRONG_NODE.code() != status.code())
                {
                    throw failure;
                }
                if (MAX_HANDSHAKES_PER_REQUEST == handshakes)
                {
                    throw new DhtClientException("key 0x" + HexKey.toString(key) + " still has no node taking it " +
                        "after " + handshakes + " handshakes following moving ranges: " + failure.getMessage(),
                        failure);
                }
                if (!followMove(seen, true))
                {
                    throw failure;
                }
            }
            else if (MAX_HANDSHAKES_PER_REQUEST == handshakes || !followMove(seen, false) ||
                node.equals(registry.nodeFor(key)))
            {
                // A node that cannot be reached may be one just removed from the DHT: one handshake tells.
                throw failure;
            }
            seen = registry;
            node = seen.nodeFor(key);
            try
            {
                return call(pool(node), request, channel, key, value, offset, length);
            }
            catch (final DhtClientException ex)
            {
                failure = ex;
            }
        }
    }

    /**
     * A Get or Exists: routed, and a miss confirmed by {@link #confirmMiss}.
     */
    private <T> T read(
        final KeyRequest<Void, T> request, final Predicate<T> found, final String channel, final long key)
    {
        final T answer = routed(request, channel, key, null, 0, 0);
        return found.test(answer) || !context.followMoves() ? answer :
            confirmMiss(request, found, answer, channel, key);
    }

    /**
     * A miss, confirmed as docs/dht.md ("Moving ranges") says, since a read gets no WrongNode from a node that
     * handed its range over.
     */
    private <T> T confirmMiss(
        final KeyRequest<Void, T> request, final Predicate<T> found, final T miss, final String channel,
        final long key)
    {
        T answer = miss;
        for (int handshakes = 0; !found.test(answer); handshakes++)
        {
            final NodeRegistry seen = registry;
            final NodeAddress owner = seen.nodeFor(key);
            if (call(pool(owner), OWNS_KEY, null, key, null, 0, 0))
            {
                final NodeAddress previous = seen.previousOwnerFor(key);
                return null == previous ? answer : readInFlight(previous, owner, request, found, channel, key);
            }
            if (MAX_HANDSHAKES_PER_REQUEST == handshakes || !followMove(seen, true))
            {
                return answer;
            }
            answer = routed(request, channel, key, null, 0, 0);
        }
        return answer;
    }

    /**
     * A record in flight is on the previous owner until the new owner acknowledged its batch, and on the new owner
     * from then on: a miss on the owner, then on the previous owner, leaves only the owner to ask again.
     */
    private <T> T readInFlight(
        final NodeAddress previous, final NodeAddress owner, final KeyRequest<Void, T> request,
        final Predicate<T> found, final String channel, final long key)
    {
        try
        {
            final T onPrevious = call(pool(previous), request, channel, key, null, 0, 0);
            if (found.test(onPrevious))
            {
                return onPrevious;
            }
        }
        catch (final DhtClientException ex)
        {
            // The previous owner may be gone from the DHT: the owner has the record, if anyone does.
        }
        return call(pool(owner), request, channel, key, null, 0, 0);
    }

    /**
     * Runs the handshake again until the ranges cover every hash exactly once, and routes by them. One thread at a
     * time; a thread that finds the registry already replaced since it saw it only takes the new one.
     *
     * @param seen          the registry the caller routed by.
     * @param waitForSettle true to repeat the handshake until the move step in flight ends (at most the move
     *                      timeout); false to try once.
     * @return whether the registry now routes otherwise than {@code seen}.
     * @throws DhtClientException when waiting and the ranges do not settle in time.
     */
    private boolean followMove(final NodeRegistry seen, final boolean waitForSettle)
    {
        synchronized (known)
        {
            if (registry != seen)
            {
                return true;
            }
            final long deadline = System.nanoTime() + context.moveTimeout().toNanos();
            while (true)
            {
                try
                {
                    final NodeRegistry next = new NodeRegistry(handshakeKnownNodes(), context.allowRangeGaps(), seen);
                    if (next.routesLike(seen))
                    {
                        return false;
                    }
                    registry = next;
                    return true;
                }
                catch (final DhtHandshakeException ex)
                {
                    if (!waitForSettle)
                    {
                        return false;
                    }
                    if (System.nanoTime() - deadline > 0)
                    {
                        throw new DhtClientException("the DHT's ranges did not settle within " +
                            context.moveTimeout().toMillis() + " ms of a move: " + ex.getMessage(), ex);
                    }
                    LockSupport.parkNanos(SETTLE_POLL_NANOS);
                }
            }
        }
    }

    /**
     * @return the range of every known node that answers, after adding those the node source names; a node that
     *         cannot be reached is left out, so that the ranges of the others say whether it still owned anything.
     */
    private Map<NodeAddress, HashRange> handshakeKnownNodes()
    {
        for (final NodeAddress node : context.nodeSource().get())
        {
            if (known.add(node))
            {
                pools.put(node, new NodeConnectionPool(node, context));
            }
        }
        final Map<NodeAddress, HashRange> ranges = new LinkedHashMap<>();
        for (final NodeAddress node : known)
        {
            try
            {
                ranges.put(node, call(pools.get(node), DhtClient::handshake));
            }
            catch (final DhtHandshakeException ex)
            {
                throw ex;
            }
            catch (final DhtClientException ex)
            {
                // Unreachable: left out (see above).
            }
        }
        return ranges;
    }

    private Iterable<NodeConnectionPool> registryPools()
    {
        final List<NodeConnectionPool> inOrder = new ArrayList<>();
        for (final NodeAddress node : registry.nodes())
        {
            inOrder.add(pools.get(node));
        }
        return inOrder;
    }

    private NodeConnectionPool pool(final NodeAddress node)
    {
        final NodeConnectionPool pool = pools.get(node);
        if (null == pool)
        {
            throw new IllegalArgumentException("node " + node + " is not one of this client's nodes " + nodes());
        }
        return pool;
    }

    private static void checkPut(final String channel, final int length)
    {
        checkChannel(channel);
        if (length < 1)
        {
            throw new IllegalArgumentException("Put needs a value of at least one byte");
        }
    }

    private static void checkChannel(final String channel)
    {
        if (!ChannelName.isValid(channel, DhtConst.MAX_CHANNEL_NAME_LENGTH))
        {
            throw new IllegalArgumentException("\"" + channel + "\" is not a valid channel name: 1 to " +
                DhtConst.MAX_CHANNEL_NAME_LENGTH + " ASCII letters, digits, '_' or '-'");
        }
    }

    /**
     * A single-key request. Its fields travel as arguments, so that each request is a constant (a lambda that
     * captures nothing) and neither the request, nor its retries, nor the check of a miss builds an object. A
     * capturing lambda is allocated wherever the JIT does not inline the call it is passed to, as in a client whose
     * other commands made that call megamorphic.
     *
     * @param <V> type of the value, {@link Void} for a request without one.
     * @param <T> type of the answer.
     */
    @FunctionalInterface
    private interface KeyRequest<V, T>
    {
        T send(NodeConnection connection, String channel, long key, V value, int offset, int length);
    }
}
