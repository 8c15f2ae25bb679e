package org.swarmjvm.dht.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

/**
 * Base of the streaming requests a client can suspend, resume and stop (GetAll, Mirror): {@code Suspend} and
 * {@code Resume} are acknowledged, {@code Stop} is acknowledged and ends the request. Once the request sent its last
 * message the client's {@code Ack} ends it, and a late control message is ignored; anything else closes the
 * connection.
 */
abstract class SuspendableHandler extends DhtNeoHandler
{
    private final String requestName;

    /** True while the client has the stream suspended; the subclass sets it from the request's start flag. */
    protected boolean suspended;

    SuspendableHandler(final DhtNeoEngine engine, final String requestName)
    {
        super(engine);
        this.requestName = requestName;
    }

    /**
     * @return true once the request sent its last message and waits for the client's {@code Ack}.
     */
    protected abstract boolean isLastMessageSent();

    @Override
    protected final void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int type = controlType(buffer, offset, length);
        if (isLastMessageSent())
        {
            if (DhtNeoRequest.ACK == type)
            {
                finish();
            }
            else if (type < DhtNeoRequest.SUSPEND || type > DhtNeoRequest.STOP)
            {
                protocolError("unexpected " + requestName + " message type " + type);
            }
            return;
        }
        switch (type)
        {
            case DhtNeoRequest.SUSPEND:
                suspended = true;
                sendByte(DhtNeoRequest.ACK);
                break;
            case DhtNeoRequest.RESUME:
                suspended = false;
                sendByte(DhtNeoRequest.ACK);
                requestWrite();
                break;
            case DhtNeoRequest.STOP:
                answer(DhtNeoRequest.ACK);
                break;
            default:
                protocolError("unexpected " + requestName + " message type " + type);
                break;
        }
    }
}
