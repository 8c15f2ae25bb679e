package org.swarmjvm.protocol.neo;

import java.io.IOException;

/**
 * The node declined a request with the status it sends first (spec §5.2), so nothing else follows for it and the
 * connection stays usable. {@code ff} is what a node answers both to a request it does not serve and to one over the
 * client's throttle (docs/neo.md, "Throttling"): the message names both, since the status alone cannot tell them
 * apart.
 */
public final class NeoRequestRefusedException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** The status byte the node answered. */
    private final byte status;

    /**
     * @param status the node's first answer to the request, not {@link NeoConst#REQUEST_SUPPORTED}.
     */
    public NeoRequestRefusedException(final byte status)
    {
        super(describe(status));
        this.status = status;
    }

    /**
     * @return the status byte the node answered.
     */
    public byte status()
    {
        return status;
    }

    /**
     * @return whether the node answered {@code ff}: the request is over the client's throttle, or not served.
     */
    public boolean isNotSupported()
    {
        return NeoConst.REQUEST_NOT_SUPPORTED == status;
    }

    private static String describe(final byte status)
    {
        return switch (status)
        {
            case NeoConst.REQUEST_NOT_SUPPORTED -> "the node throttled or refused the request (RequestNotSupported, " +
                "ff): over this client's throttle (a retry once its limit allows is served) or a request the node " +
                "does not serve";
            case NeoConst.REQUEST_VERSION_NOT_SUPPORTED ->
                "the node does not serve this version of the request (RequestVersionNotSupported, fe)";
            default -> String.format("the node answered the request with status %02x, not fd, fe or ff",
                status & 0xff);
        };
    }
}
