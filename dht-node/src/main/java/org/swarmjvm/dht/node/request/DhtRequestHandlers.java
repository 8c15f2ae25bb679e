package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.GetChannelsHandler;
import org.swarmjvm.node.request.GetNumConnectionsHandler;
import org.swarmjvm.node.request.GetVersionHandler;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.batch.RecordBatchReader;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;

import java.util.function.Consumer;

/**
 * The dispatch table of one connection: a handler per DHT command code, created once per connection slot.
 */
public final class DhtRequestHandlers
{
    private DhtRequestHandlers()
    {
    }

    /**
     * Creates one connection's handlers.
     *
     * @param storage       of the node.
     * @param node          node-wide services.
     * @param dumpDirectory where removed channels' dumps are moved from.
     * @param batchSize     the node's {@code batch_size}.
     * @param onRangeChanged told of a new range after Redistribute, on the worker (writes it to the config).
     * @return handlers indexed by command code; {@code null} where the code is no command.
     */
    public static RequestHandler[] create(
        final DhtStorage storage, final NodeServices node, final DumpDirectory dumpDirectory, final int batchSize,
        final Consumer<HashRange> onRangeChanged)
    {
        final RequestHandler[] handlers = new RequestHandler[DhtCommand.MAX_CODE + 1];
        final IterationBuffers iteration = new IterationBuffers(batchSize);
        final DhtOperations operations = new DhtOperations(storage, dumpDirectory);
        final RefusalLog refusals = new RefusalLog();
        handlers[DhtCommand.PUT.code()] = new PutHandler(operations, refusals, DhtConst.maxValueLength(batchSize));
        handlers[DhtCommand.GET.code()] = new GetHandler(operations, refusals);
        handlers[DhtCommand.EXISTS.code()] = new ExistsHandler(operations, refusals);
        handlers[DhtCommand.REMOVE.code()] = new RemoveHandler(operations, refusals);
        handlers[DhtCommand.GET_CHANNELS.code()] = new GetChannelsHandler(storage::channelNames);
        handlers[DhtCommand.GET_CHANNEL_SIZE.code()] = new GetChannelSizeHandler(operations, refusals, node);
        handlers[DhtCommand.GET_SIZE.code()] = new GetSizeHandler(storage, node);
        handlers[DhtCommand.GET_RESPONSIBLE_RANGE.code()] = new GetResponsibleRangeHandler(storage);
        handlers[DhtCommand.REMOVE_CHANNEL.code()] = new RemoveChannelHandler(operations, refusals, node);
        handlers[DhtCommand.GET_NUM_CONNECTIONS.code()] = new GetNumConnectionsHandler(node);
        handlers[DhtCommand.GET_VERSION.code()] = new GetVersionHandler(DhtConst.API_VERSION);
        handlers[DhtCommand.LISTEN.code()] = new ListenHandler(operations, refusals);
        handlers[DhtCommand.GET_ALL.code()] = new GetAllHandler(operations, refusals, iteration);
        handlers[DhtCommand.GET_ALL_KEYS.code()] = new GetAllKeysHandler(operations, refusals, iteration);
        handlers[DhtCommand.GET_ALL_FILTER.code()] = new GetAllFilterHandler(operations, refusals, iteration);
        handlers[DhtCommand.REDISTRIBUTE.code()] =
            new RedistributeHandler(storage, refusals, node, batchSize, onRangeChanged);
        handlers[DhtCommand.PUT_BATCH.code()] = new PutBatchHandler(operations, refusals, new RecordBatchReader());
        return handlers;
    }
}
