package org.swarmjvm.node.request;

import org.swarmjvm.protocol.codec.RequestDecoder;
import org.swarmjvm.protocol.codec.RequestScanner;

/**
 * Base of the handlers whose request is decoded by one decoder: the decoder is held here and decodes every
 * request of the handler's kind in place.
 *
 * @param <D> the command's request decoder.
 */
public abstract class DecodingRequestHandler<D extends RequestDecoder> implements RequestHandler
{
    /** The decoded request, valid from the first {@link #execute(Reply)} until the request is done. */
    protected final D request;

    /**
     * @param request decoder of the command's fields, reused for every request.
     */
    protected DecodingRequestHandler(final D request)
    {
        this.request = request;
    }

    @Override
    public final int decode(final RequestScanner scanner)
    {
        return request.decode(scanner);
    }
}
