package org.swarmjvm.protocol;

/**
 * Status codes of the legacy swarm protocols (swarm's {@code IStatusCodes}), shared by the DHT, queue and
 * logfiles protocols. On the wire a status is an i32, little-endian. A non-OK status is never followed by a body.
 */
public enum SwarmStatus
{
    /** Uninitialised; never sent by a node. */
    UNDEFINED(0),
    /** Success; the command's response body follows. */
    OK(200),
    /** Never sent by the legacy nodes: unknown commands close the connection instead. */
    INVALID_REQUEST(400),
    /** The key lies outside the node's hash range. */
    WRONG_NODE(404),
    /** The command is known but not supported by this node. */
    NOT_SUPPORTED(406),
    /** The node's size limit would be exceeded. */
    OUT_OF_MEMORY(407),
    /** A zero-length value was sent where a value is required. */
    EMPTY_VALUE(408),
    /** The channel name is invalid. */
    BAD_CHANNEL_NAME(409),
    /** The value is longer than the per-record limit. */
    VALUE_TOO_BIG(410),
    /** Internal error or refused request. */
    ERROR(500);

    private final int code;

    SwarmStatus(final int code)
    {
        this.code = code;
    }

    /**
     * The code as it travels on the wire.
     *
     * @return the i32 status code.
     */
    public int code()
    {
        return code;
    }

    /**
     * The status for a wire code.
     *
     * @param code the i32 read from the wire.
     * @return the status, or {@code null} when the code is not a known status.
     */
    public static SwarmStatus of(final int code)
    {
        switch (code)
        {
            case 0: return UNDEFINED;
            case 200: return OK;
            case 400: return INVALID_REQUEST;
            case 404: return WRONG_NODE;
            case 406: return NOT_SUPPORTED;
            case 407: return OUT_OF_MEMORY;
            case 408: return EMPTY_VALUE;
            case 409: return BAD_CHANNEL_NAME;
            case 410: return VALUE_TOO_BIG;
            case 500: return ERROR;
            default: return null;
        }
    }

    /**
     * Names a wire code for a message, also one that is no known status.
     *
     * @param code the i32 read from the wire.
     * @return the status and its code, such as {@code WRONG_NODE (404)}, or {@code unknown status 7}.
     */
    public static String describe(final int code)
    {
        final SwarmStatus status = of(code);
        return null == status ? "unknown status " + code : status + " (" + code + ")";
    }
}
