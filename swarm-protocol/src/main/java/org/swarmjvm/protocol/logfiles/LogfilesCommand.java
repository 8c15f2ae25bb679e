package org.swarmjvm.protocol.logfiles;

import org.swarmjvm.protocol.CommandLabel;
import org.swarmjvm.protocol.codec.CommandCode;

/**
 * The 12 command codes of the legacy logfiles protocol ({@code DlsConst.Command}); each travels as an i32,
 * little-endian. Any other code (including the removed GetChannelSize 18 and GetSize 19) closes the connection.
 */
public enum LogfilesCommand implements CommandCode
{
    /** Store a record. */
    PUT(0x03),
    /** List the channels. */
    GET_CHANNELS(0x11),
    /** Delete a channel and its files. */
    REMOVE_CHANNEL(0x16),
    /** Open connections of the node. */
    GET_NUM_CONNECTIONS(0x17),
    /** The protocol version string. */
    GET_VERSION(0x18),
    /** Stream the records of an inclusive key range. */
    GET_RANGE(0x1c),
    /** Stream every record of a channel. */
    GET_ALL(0x1d),
    /** Stream the records whose value contains a substring. */
    GET_ALL_FILTER(0x1f),
    /** Stream the records of a key range whose value contains a substring. */
    GET_RANGE_FILTER(0x20),
    /** Stream the records of a key range whose value matches a substring or a regular expression. */
    GET_RANGE_REGEX(0x22),
    /** Move a fraction of the buckets to other nodes. */
    REDISTRIBUTE(0x23),
    /** Store a compressed batch of records. */
    PUT_BATCH(0x24);

    /** Largest command code; codes index tables of this size plus one. */
    public static final int MAX_CODE = 0x24;

    private static final LogfilesCommand[] BY_CODE = new LogfilesCommand[MAX_CODE + 1];

    static
    {
        for (final LogfilesCommand command : values())
        {
            BY_CODE[command.code] = command;
        }
    }

    private final int code;
    /** Built once: status checks and log lines ask for it per request. */
    private final String label;

    LogfilesCommand(final int code)
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
    public static LogfilesCommand of(final int code)
    {
        return code >= 0 && code <= MAX_CODE ? BY_CODE[code] : null;
    }

    /**
     * The name the original uses in logs and stats ({@code GetRangeRegex}, not {@code GET_RANGE_REGEX}).
     *
     * @return the command's name in camel case.
     */
    public String label()
    {
        return label;
    }
}
