package org.swarmjvm.protocol.dht.client;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.client.BlockingConnection;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;

import java.io.IOException;

/**
 * GetResponsibleRange (spec §3.2) over one {@link BlockingConnection}, for every client that asks a node for its
 * range: the DHT client's handshake and its check of a miss, a node handing its range over, the rebalance tool.
 * <pre>
 *   request:  i32 command 0x14
 *   answer:   i32 status | u64 min | u64 max      little-endian; min and max follow 200 only
 * </pre>
 * The request is sent apart from the reading of its answer, so that a caller can ask several nodes before it
 * waits for one. What a status other than 200 or a failure means, and whether the connection is closed, is the
 * caller's rule, as for every request over the connection. The bounds are kept in fields, so asking allocates
 * nothing. One per connection; not thread-safe.
 */
public final class GetResponsibleRangeCodec
{
    private final BlockingConnection connection;
    private long min;
    private long max;

    /**
     * @param connection to send the request on and read the answer from.
     */
    public GetResponsibleRangeCodec(final BlockingConnection connection)
    {
        this.connection = connection;
    }

    /**
     * Writes the request and sends it, connecting first if needed.
     *
     * @throws IOException when the node cannot be reached or the write fails.
     */
    public void sendRequest() throws IOException
    {
        connection.request().i32(DhtCommand.GET_RESPONSIBLE_RANGE.code());
        connection.send();
    }

    /**
     * Reads the answer's status and, when it is 200, the bounds; after another status nothing follows.
     *
     * @return the status code as received.
     * @throws IOException when the read fails or the node closed the connection before the end of the answer.
     */
    public int readAnswer() throws IOException
    {
        final int status = connection.readI32();
        if (SwarmStatus.OK.code() == status)
        {
            min = connection.readU64();
            max = connection.readU64();
        }
        return status;
    }

    /**
     * @return the smallest hash of the range of the last answer that was 200, unsigned.
     */
    public long min()
    {
        return min;
    }

    /**
     * @return the largest hash of the range of the last answer that was 200, unsigned.
     */
    public long max()
    {
        return max;
    }

    /**
     * @return the range of the last answer that was 200.
     */
    public HashRange range()
    {
        return new HashRange(min, max);
    }
}
