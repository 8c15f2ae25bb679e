package org.swarmjvm.cli.rebalance;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.client.BlockingConnection;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.GetResponsibleRangeCodec;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.codec.DhtRequestEncoder;
import org.swarmjvm.protocol.dht.codec.RedistributeRequestDecoder.Target;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One legacy connection to one DHT node, without the client's handshake: the rebalance tool talks to nodes whose
 * ranges do not form a valid set (a new node with the empty range, a move left half done), which the
 * {@link org.swarmjvm.protocol.dht.client.DhtClient} handshake rightly refuses. Blocking, one request at a time.
 */
final class DhtNodeLink implements AutoCloseable
{
    private final NodeAddress node;
    private final BlockingConnection connection;
    private final DhtRequestEncoder encoder;
    private final GetResponsibleRangeCodec rangeCodec;
    private final BlockingConnection redistributeConnection;
    private final DhtRequestEncoder redistributeEncoder;

    /**
     * @param node                 to talk to.
     * @param timeout              connect timeout and answer timeout of the short requests.
     * @param redistributeTimeout  how long a Redistribute may take to answer (the node answers once it has moved
     *                             the records).
     */
    DhtNodeLink(final NodeAddress node, final Duration timeout, final Duration redistributeTimeout)
    {
        this.node = node;
        final int timeoutMillis = millis(timeout);
        this.connection = new BlockingConnection(node.socketAddress(),
            new BlockingConnection.Settings(timeoutMillis, timeoutMillis, false, false));
        this.encoder = new DhtRequestEncoder(connection.request());
        this.rangeCodec = new GetResponsibleRangeCodec(connection);
        // A connection of its own, whose answer timeout is the move's: the short requests keep theirs.
        this.redistributeConnection = new BlockingConnection(node.socketAddress(),
            new BlockingConnection.Settings(timeoutMillis, millis(redistributeTimeout), false, false));
        this.redistributeEncoder = new DhtRequestEncoder(redistributeConnection.request());
    }

    NodeAddress node()
    {
        return node;
    }

    /**
     * @return the node's range (GetResponsibleRange).
     * @throws IOException when the node cannot be reached or does not answer 200.
     */
    HashRange range() throws IOException
    {
        rangeCodec.sendRequest();
        checkOk(DhtCommand.GET_RESPONSIBLE_RANGE, rangeCodec.readAnswer());
        return rangeCodec.range();
    }

    /**
     * @return records and bytes over all channels (GetSize), as {@code {records, bytes}}.
     * @throws IOException when the node cannot be reached or does not answer 200.
     */
    long[] size() throws IOException
    {
        connection.request();
        encoder.command(DhtCommand.GET_SIZE);
        connection.send();
        checkOk(DhtCommand.GET_SIZE, connection.readI32());
        connection.readArray(ArrayPrefix.MAX_ARRAY_LENGTH);
        connection.readU16();
        return new long[]{connection.readU64(), connection.readU64()};
    }

    /**
     * Redistribute: the node takes the new range at once and answers when it has moved the records the targets
     * own to them.
     *
     * @param newRange the node's new range.
     * @param targets  nodes to move records to, with their ranges.
     * @return the node's status: 200 when every record was moved, 500 when refused or not all moved.
     * @throws IOException when the node cannot be reached or the connection breaks.
     */
    SwarmStatus redistribute(final HashRange newRange, final List<Target> targets) throws IOException
    {
        redistributeConnection.request();
        redistributeEncoder.redistribute(newRange, targets);
        redistributeConnection.send();
        final SwarmStatus status = SwarmStatus.of(redistributeConnection.readI32());
        if (SwarmStatus.OK != status)
        {
            // The original closes the connection after 500: the next request starts on a fresh one.
            redistributeConnection.close();
        }
        return status;
    }

    private void checkOk(final DhtCommand command, final int status) throws IOException
    {
        if (SwarmStatus.OK.code() != status)
        {
            connection.close();
            throw new IOException(command.label() + " to " + node + " answered " + SwarmStatus.describe(status));
        }
    }

    private static int millis(final Duration timeout)
    {
        return (int)Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public void close()
    {
        connection.close();
        redistributeConnection.close();
    }
}
