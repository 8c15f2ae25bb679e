package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.queue.node.storage.QueueOperations;

import java.util.concurrent.Executor;

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
     * @param worker     the node's blocking worker, which backs ring pages for the pushes.
     * @return a handler per command code.
     */
    public static RequestHandler[] create(final QueueOperations operations, final Executor worker)
    {
        final RequestHandler[] handlers = new RequestHandler[QueueCommand.MAX_CODE + 1];
        for (final QueueCommand command : QueueCommand.values())
        {
            handlers[command.code()] = create(command, operations, worker);
        }
        return handlers;
    }

    private static RequestHandler create(final QueueCommand command, final QueueOperations operations,
        final Executor worker)
    {
        switch (command)
        {
            case PUSH: return new PushHandler(operations, worker);
            case POP: return new PopHandler(operations);
            case CONSUME: return new ConsumeHandler(operations);
            case GET_NUM_CONNECTIONS: return new GetNumConnectionsHandler();
            case PUSH_MULTI: return new PushMultiHandler(operations, worker);
            case PRODUCE: return new ProduceHandler(operations, worker);
            case PRODUCE_MULTI: return new ProduceMultiHandler(operations, worker);
            case REMOVE_CHANNEL: return new RemoveChannelHandler(operations);
            default: throw new IllegalArgumentException("no handler for " + command);
        }
    }
}
