package org.swarmjvm.protocol.dht;

import org.swarmjvm.protocol.CommandLabel;
import org.swarmjvm.protocol.codec.CommandCode;

/**
 * The 17 command codes of the legacy DHT protocol ({@code DhtConst.Command}); each travels as an i32,
 * little-endian. Any other code is dead or invalid, and the node closes the connection.
 */
public enum DhtCommand implements CommandCode
{
    /** Store a record. */
    PUT(0x01),
    /** Read a record. */
    GET(0x07),
    /** Whether a record exists. */
    EXISTS(0x0b),
    /** Delete a record. */
    REMOVE(0x0c),
    /** List the channels. */
    GET_CHANNELS(0x11),
    /** Records and bytes of one channel. */
    GET_CHANNEL_SIZE(0x12),
    /** Records and bytes of the node. */
    GET_SIZE(0x13),
    /** The node's hash range. */
    GET_RESPONSIBLE_RANGE(0x14),
    /** Delete a channel. */
    REMOVE_CHANNEL(0x16),
    /** Open connections of the node. */
    GET_NUM_CONNECTIONS(0x17),
    /** The protocol version string. */
    GET_VERSION(0x18),
    /** Stream the Puts of a channel. */
    LISTEN(0x19),
    /** Stream every record of a channel. */
    GET_ALL(0x1d),
    /** Stream every key of a channel. */
    GET_ALL_KEYS(0x1e),
    /** Stream the records whose value contains a substring. */
    GET_ALL_FILTER(0x1f),
    /** Move records to other nodes and shrink this node's range. */
    REDISTRIBUTE(0x21),
    /** Store a compressed batch of records. */
    PUT_BATCH(0x22);

    /** Largest command code; codes index tables of this size plus one. */
    public static final int MAX_CODE = 0x22;

    private static final DhtCommand[] BY_CODE = new DhtCommand[MAX_CODE + 1];

    static
    {
        for (final DhtCommand command : values())
        {
            BY_CODE[command.code] = command;
        }
    }

    private final int code;
    /** Built once: status checks and log lines ask for it per request. */
    private final String label;

    DhtCommand(final int code)
    {
        this.code = code;
        this.label = CommandLabel.of(this);
    }

    @Override
    public int code()
    {
        return code;
    }

    /**
     * The command for a wire code.
     *
     * @param code read from the wire.
     * @return the command, or {@code null} for an unknown code.
     */
    public static DhtCommand of(final int code)
    {
        return code >= 0 && code <= MAX_CODE ? BY_CODE[code] : null;
    }

    /**
     * The name the original uses in logs and stats ({@code GetAllKeys}, not {@code GET_ALL_KEYS}).
     *
     * @return the command's name in camel case.
     */
    public String label()
    {
        return label;
    }
}
