package org.swarmjvm.queue.node.request;

import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.queue.node.storage.QueueStore;

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
     * @param store the node's storage.
     * @return a handler per command code.
     */
    public static RequestHandler[] create(final QueueStore store)
    {
        final RequestHandler[] handlers = new RequestHandler[QueueCommand.MAX_CODE + 1];
        for (final QueueCommand command : QueueCommand.values())
        {
            handlers[command.code()] = create(command, store);
        }
        return handlers;
    }

    private static RequestHandler create(final QueueCommand command, final QueueStore store)
    {
        switch (command)
        {
            case PUSH: return new PushHandler(store);
            case POP: return new PopHandler(store);
            case CONSUME: return new ConsumeHandler(store);
            case GET_NUM_CONNECTIONS: return new GetNumConnectionsHandler();
            case PUSH_MULTI: return new PushMultiHandler(store);
            case PRODUCE: return new ProduceHandler(store);
            case PRODUCE_MULTI: return new ProduceMultiHandler(store);
            case REMOVE_CHANNEL: return new RemoveChannelHandler(store);
            default: throw new IllegalArgumentException("no handler for " + command);
        }
    }
}
