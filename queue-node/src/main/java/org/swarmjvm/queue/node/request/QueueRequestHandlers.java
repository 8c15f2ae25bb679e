package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.queue.node.storage.QueueOperations;

/**
 * Builds one connection's handlers, indexed by command code; the removed codes stay {@code null}, so the core
 * closes the connection on them.
 */
public final class QueueRequestHandlers
{
    private QueueRequestHandlers()
    {
    }

    /**
     * @param operations the node's storage rules.
     * @return a handler per command code.
     */
    public static RequestHandler[] create(final QueueOperations operations)
    {
        final RequestHandler[] handlers = new RequestHandler[QueueCommand.MAX_CODE + 1];
        for (final QueueCommand command : QueueCommand.values())
        {
            handlers[command.code()] = create(command, operations);
        }
        return handlers;
    }

    private static RequestHandler create(final QueueCommand command, final QueueOperations operations)
    {
        switch (command)
        {
            case PUSH: return new PushHandler(operations);
            case POP: return new PopHandler(operations);
            case CONSUME: return new ConsumeHandler(operations);
            case GET_NUM_CONNECTIONS: return new GetNumConnectionsHandler();
            case PUSH_MULTI: return new PushMultiHandler(operations);
            case PRODUCE: return new ProduceHandler(operations);
            case PRODUCE_MULTI: return new ProduceMultiHandler(operations);
            case REMOVE_CHANNEL: return new RemoveChannelHandler(operations);
            default: throw new IllegalArgumentException("no handler for " + command);
        }
    }
}
