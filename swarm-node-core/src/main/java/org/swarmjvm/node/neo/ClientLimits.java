package org.swarmjvm.node.neo;

/**
 * How much one neo client (all the connections authenticated under its name together) may send: new requests per
 * second and bytes of request messages per second, each 0 for no limit. A client may use one second's worth at
 * once after a quiet second.
 *
 * @param requestsPerSecond new requests per second; 0 for no limit.
 * @param bytesPerSecond    bytes received in request messages (header and body) per second; 0 for no limit.
 */
public record ClientLimits(long requestsPerSecond, long bytesPerSecond)
{
    /** No limit: today's behaviour. */
    public static final ClientLimits NONE = new ClientLimits(0, 0);

    /**
     * @param requestsPerSecond new requests per second; 0 for no limit.
     * @param bytesPerSecond    bytes of request messages per second; 0 for no limit.
     * @throws IllegalArgumentException when a rate is negative.
     */
    public ClientLimits
    {
        if (requestsPerSecond < 0 || bytesPerSecond < 0)
        {
            throw new IllegalArgumentException("invalid neo client limits: " + requestsPerSecond +
                " requests/s, " + bytesPerSecond + " bytes/s (must be at least 0, 0 for no limit)");
        }
    }

    /**
     * @return whether either rate is limited.
     */
    public boolean isLimited()
    {
        return requestsPerSecond > 0 || bytesPerSecond > 0;
    }

    @Override
    public String toString()
    {
        return rate(requestsPerSecond, "requests/s") + ", " + rate(bytesPerSecond, "bytes/s");
    }

    private static String rate(final long perSecond, final String unit)
    {
        return 0 == perSecond ? "no limit on " + unit : perSecond + " " + unit;
    }
}
