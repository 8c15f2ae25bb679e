package org.swarmjvm.protocol.queue;

import org.swarmjvm.protocol.CommandLabel;
import org.swarmjvm.protocol.codec.CommandCode;

/**
 * The command codes of the legacy queue protocol ({@code DmqConst.Command}); each travels as an i32,
 * little-endian. The removed codes 3 (GetChannels), 4 (GetChannelSize), 5 (GetSize), 7 (GetSizeLimit) and
 * 13 (PushMulti2) are not here: like any other unknown code they make the node close the connection.
 */
public enum QueueCommand implements CommandCode
{
    /** Append one record to a channel. */
    PUSH(1),
    /** Take the oldest record of a channel. */
    POP(2),
    /** Stream a channel's records to the client until the channel is removed. */
    CONSUME(6),
    /** Always answered NotSupported by the queue node. */
    GET_NUM_CONNECTIONS(8),
    /** Append one record to several channels. */
    PUSH_MULTI(9),
    /** Stream records from the client into a channel. */
    PRODUCE(10),
    /** Stream records from the client into several channels. */
    PRODUCE_MULTI(11),
    /** Delete a channel, its records and its subscribers. */
    REMOVE_CHANNEL(12);

    /** Largest command code; codes index tables of this size plus one. */
    public static final int MAX_CODE = 12;

    private static final QueueCommand[] BY_CODE = new QueueCommand[MAX_CODE + 1];

    static
    {
        for (final QueueCommand command : values())
        {
            BY_CODE[command.code] = command;
        }
    }

    private final int code;
    /** Built once: status checks and log lines ask for it per request. */
    private final String label;

    QueueCommand(final int code)
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
     * @return the command, or {@code null} for an unknown or removed code.
     */
    public static QueueCommand of(final int code)
    {
        return code >= 0 && code <= MAX_CODE ? BY_CODE[code] : null;
    }

    /**
     * The name the original uses in logs and stats ({@code PushMulti}, not {@code PUSH_MULTI}).
     *
     * @return the command's name in camel case.
     */
    public String label()
    {
        return label;
    }
}
