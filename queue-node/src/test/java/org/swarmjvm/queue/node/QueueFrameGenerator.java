package org.swarmjvm.queue.node;

import org.swarmjvm.node.testing.fuzz.FrameGenerator;
import org.swarmjvm.node.testing.fuzz.FuzzFrame;
import org.swarmjvm.node.testing.fuzz.FuzzFrameBuilder;
import org.swarmjvm.node.testing.fuzz.WireInput;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.queue.QueueCommand;

import java.io.IOException;
import java.util.Set;
import java.util.SplittableRandom;

import static java.util.EnumSet.of;
import static org.swarmjvm.node.testing.fuzz.ReplyCheck.status;
import static org.swarmjvm.protocol.SwarmStatus.BAD_CHANNEL_NAME;
import static org.swarmjvm.protocol.SwarmStatus.EMPTY_VALUE;
import static org.swarmjvm.protocol.SwarmStatus.ERROR;
import static org.swarmjvm.protocol.SwarmStatus.NOT_SUPPORTED;
import static org.swarmjvm.protocol.SwarmStatus.OK;

/**
 * Valid queue requests of every legacy command (spec §2), on a few fuzzing channels, and the check of the node's
 * replies against the statuses and layouts the spec gives each command. Consume streams until the client hangs
 * up, so it is only ever a connection's last frame. Produce and ProduceMulti carry their record stream and its
 * terminator when every name is valid; with a bad name the node answers 409 and reads commands again, so the
 * frame then ends after the names, as a client must send it.
 */
final class QueueFrameGenerator implements FrameGenerator
{
    /** Channels fuzzing writes to; the well-behaved clients use longer names no damage of these can reach. */
    static final String[] CHANNELS = {"fz0", "fz1", "fz2", "fz3"};
    /** Invalid names; the empty one cannot stand in a channel list, where it is the terminator. */
    private static final String[] BAD_CHANNELS = {"", "fz 0", "fz/0", "fz.0", "fz@0"};
    private static final int MAX_VALUE = 48;
    /** Longer than the fuzzing rings hold: such records go to the disk overflow. */
    private static final int LONG_VALUE = 6000;
    private static final int MAX_LIST = 3;
    private static final int MAX_STREAM = 5;
    /** The longest array the node sends: a record (spec §1). */
    private static final int MAX_ARRAY = 10 * 1024 * 1024;
    private static final QueueCommand[] COMMANDS = QueueCommand.values();
    private static final Set<SwarmStatus> PUSH_STATUSES = of(OK, EMPTY_VALUE, BAD_CHANNEL_NAME);
    private static final Set<SwarmStatus> CHANNEL_STATUSES = of(OK, BAD_CHANNEL_NAME);

    @Override
    public String protocol()
    {
        return "queue";
    }

    @Override
    public FuzzFrame validFrame(final SplittableRandom random, final boolean last)
    {
        QueueCommand command = COMMANDS[random.nextInt(COMMANDS.length)];
        while (QueueCommand.CONSUME == command && !last)
        {
            command = COMMANDS[random.nextInt(COMMANDS.length)];
        }
        final FuzzFrameBuilder frame = new FuzzFrameBuilder(command.name(), command.code());
        switch (command)
        {
            case PUSH:
                return frame.array(channel(random, true)).array(value(random)).build();
            case PUSH_MULTI:
                channelList(frame, random);
                return frame.array(value(random)).build();
            case PRODUCE:
                final String channel = channel(random, true);
                frame.array(channel);
                return (isGood(channel) ? stream(frame, random) : frame).build();
            case PRODUCE_MULTI:
                return (channelList(frame, random) ? stream(frame, random) : frame).build();
            case POP:
            case CONSUME:
            case REMOVE_CHANNEL:
                return frame.array(channel(random, true)).build();
            default:
                return frame.build();
        }
    }

    @Override
    public int unknownCode(final SplittableRandom random)
    {
        return FrameGenerator.unknownCode(random, QueueCommand.MAX_CODE, code -> null != QueueCommand.of(code));
    }

    @Override
    public boolean isForbidden(final int commandCode)
    {
        return false;
    }

    @Override
    public void readReply(final FuzzFrame frame, final WireInput in) throws IOException
    {
        final QueueCommand command = QueueCommand.valueOf(frame.name());
        switch (command)
        {
            case PUSH:
            case PUSH_MULTI:
                status(command.label(), in, PUSH_STATUSES);
                break;
            case POP:
                if (OK == status(command.label(), in, of(OK, BAD_CHANNEL_NAME, ERROR)))
                {
                    in.readArray(MAX_ARRAY);
                }
                break;
            case GET_NUM_CONNECTIONS:
                status(command.label(), in, of(NOT_SUPPORTED));
                break;
            case CONSUME:
            case PRODUCE:
            case PRODUCE_MULTI:
            case REMOVE_CHANNEL:
                status(command.label(), in, CHANNEL_STATUSES);
                break;
            default:
                throw new AssertionError("no reply check for " + command);
        }
    }

    /**
     * Writes a channel list: up to three names, then the empty terminator.
     *
     * @return true when every name is valid.
     */
    private static boolean channelList(final FuzzFrameBuilder frame, final SplittableRandom random)
    {
        boolean good = true;
        for (int i = random.nextInt(MAX_LIST + 1); i > 0; i--)
        {
            final String channel = channel(random, false);
            good &= isGood(channel);
            frame.array(channel);
        }
        frame.array(new byte[0]);
        return good;
    }

    /** A Produce stream: one to five records, then the empty array that ends it. */
    private static FuzzFrameBuilder stream(final FuzzFrameBuilder frame, final SplittableRandom random)
    {
        frame.streamStarts();
        for (int i = 1 + random.nextInt(MAX_STREAM); i > 0; i--)
        {
            final byte[] record = value(random);
            frame.array(0 == record.length ? new byte[] {'x'} : record);
        }
        return frame.array(new byte[0]);
    }

    private static String channel(final SplittableRandom random, final boolean emptyAllowed)
    {
        if (0 != random.nextInt(16))
        {
            return CHANNELS[random.nextInt(CHANNELS.length)];
        }
        return emptyAllowed ? BAD_CHANNELS[random.nextInt(BAD_CHANNELS.length)] :
            BAD_CHANNELS[1 + random.nextInt(BAD_CHANNELS.length - 1)];
    }

    private static boolean isGood(final String channel)
    {
        for (final String good : CHANNELS)
        {
            if (good.equals(channel))
            {
                return true;
            }
        }
        return false;
    }

    private static byte[] value(final SplittableRandom random)
    {
        final int pick = random.nextInt(32);
        final int length = 0 == pick ? 0 : 1 == pick ? LONG_VALUE + random.nextInt(LONG_VALUE) :
            1 + random.nextInt(MAX_VALUE);
        return FrameGenerator.digits(random, length);
    }
}
