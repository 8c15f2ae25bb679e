package org.swarmjvm.protocol.neo;

/**
 * Constants of the neo protocol (swarm's {@code HmacDef}, {@code ConnectProtocol}, {@code RequestSet},
 * {@code Command.SupportedStatus}).
 */
public final class NeoConst
{
    /** The protocol version byte both sides send first. */
    public static final byte PROTOCOL_VERSION = 1;
    /** Bytes of a client key. */
    public static final int KEY_LENGTH = 128;
    /** Bytes of an HMAC-SHA512 code. */
    public static final int HMAC_LENGTH = 64;
    /** Bytes of the node's nonce. */
    public static final int NONCE_LENGTH = 4;
    /** Largest authentication message body. */
    public static final int MAX_AUTH_BODY_LENGTH = 999;
    /** Longest client name. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Largest allowed difference between client and node clocks, in seconds (inclusive). */
    public static final long TIMESTAMP_WINDOW_SECONDS = 1800;
    /** Most active requests per connection. */
    public static final int MAX_ACTIVE_REQUESTS = 5000;
    /** Bytes of a request id. */
    public static final int REQUEST_ID_LENGTH = 8;
    /** Status answering a request start: code and version supported. */
    public static final byte REQUEST_SUPPORTED = -3;
    /** Status answering a request start: code known, version not. */
    public static final byte REQUEST_VERSION_NOT_SUPPORTED = -2;
    /** Status answering a request start: code unknown. */
    public static final byte REQUEST_NOT_SUPPORTED = -1;
    /** The JCA name of the HMAC. */
    public static final String HMAC_ALGORITHM = "HmacSHA512";

    private NeoConst()
    {
    }
}
