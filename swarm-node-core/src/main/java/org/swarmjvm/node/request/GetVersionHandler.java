package org.swarmjvm.node.request;

import org.swarmjvm.protocol.SwarmStatus;

/**
 * GetVersion: status 200 and the protocol's API version as an array ({@code "20110401"} for the DHT and logfiles
 * protocols), which the original clients compare to the byte.
 */
public final class GetVersionHandler extends FieldlessRequestHandler
{
    private final String apiVersion;

    /**
     * @param apiVersion the protocol's version string.
     */
    public GetVersionHandler(final String apiVersion)
    {
        this.apiVersion = apiVersion;
    }

    @Override
    public Progress execute(final Reply reply)
    {
        reply.begin().status(SwarmStatus.OK).array(apiVersion);
        reply.end();
        return Progress.DONE;
    }
}
