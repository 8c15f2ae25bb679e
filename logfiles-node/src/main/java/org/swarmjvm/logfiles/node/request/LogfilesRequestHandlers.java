package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.redistribution.Redistributor;
import org.swarmjvm.logfiles.node.storage.LogfilesOperations;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.GetChannelsHandler;
import org.swarmjvm.node.request.GetNumConnectionsHandler;
import org.swarmjvm.node.request.GetVersionHandler;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

/**
 * The dispatch table of one connection: a handler per logfiles command code, created once per connection slot.
 */
public final class LogfilesRequestHandlers
{
    private LogfilesRequestHandlers()
    {
    }

    /**
     * Creates one connection's handlers.
     *
     * @param storage of the node.
     * @param node          node-wide services.
     * @param redistributor the node's one redistributor.
     * @param counters      the node's action counters.
     * @param writeFailures the node's log of failed writes.
     * @return handlers indexed by command code; {@code null} where the code is no command.
     */
    public static RequestHandler[] create(
        final LogfilesStorage storage,
        final NodeServices node,
        final Redistributor redistributor,
        final ActionCounters counters,
        final WriteFailureLog writeFailures)
    {
        final RequestHandler[] handlers = new RequestHandler[LogfilesCommand.MAX_CODE + 1];
        final RecordStreamHandler.StreamTaskHolder streams =
            new RecordStreamHandler.StreamTaskHolder(storage.settings().readBufferSize(), counters);
        handlers[LogfilesCommand.PUT.code()] =
            new PutHandler(storage, node, new LogfilesOperations(storage), counters, writeFailures);
        handlers[LogfilesCommand.GET_CHANNELS.code()] = new GetChannelsHandler(storage::channelNames);
        handlers[LogfilesCommand.REMOVE_CHANNEL.code()] = new RemoveChannelHandler(storage, node);
        handlers[LogfilesCommand.GET_NUM_CONNECTIONS.code()] = new GetNumConnectionsHandler(node);
        handlers[LogfilesCommand.GET_VERSION.code()] = new GetVersionHandler(LogfilesConst.API_VERSION);
        handlers[LogfilesCommand.GET_RANGE.code()] =
            new GetRangeHandler(storage, node, streams, LogfilesCommand.GET_RANGE);
        handlers[LogfilesCommand.GET_ALL.code()] = new GetAllHandler(storage, node, streams);
        handlers[LogfilesCommand.GET_ALL_FILTER.code()] = new GetAllFilterHandler(storage, node, streams);
        handlers[LogfilesCommand.GET_RANGE_FILTER.code()] =
            new GetRangeHandler(storage, node, streams, LogfilesCommand.GET_RANGE_FILTER);
        handlers[LogfilesCommand.GET_RANGE_REGEX.code()] =
            new GetRangeHandler(storage, node, streams, LogfilesCommand.GET_RANGE_REGEX);
        handlers[LogfilesCommand.REDISTRIBUTE.code()] = new RedistributeHandler(redistributor);
        handlers[LogfilesCommand.PUT_BATCH.code()] = new PutBatchHandler(storage, node, counters, writeFailures);
        return handlers;
    }
}
