package org.swarmjvm.node.request;

import org.swarmjvm.protocol.codec.RequestScanner;

/**
 * Base of the requests that carry nothing after the command code (GetVersion, GetNumConnections, GetChannels,
 * GetSize): complete as soon as the code arrived.
 */
public abstract class FieldlessRequestHandler implements RequestHandler
{
    @Override
    public final int decode(final RequestScanner scanner)
    {
        return scanner.complete();
    }
}
