package org.swarmjvm.logfiles.node;

import org.swarmjvm.node.testing.fuzz.FrameGenerator;
import org.swarmjvm.node.testing.fuzz.FuzzBatch;
import org.swarmjvm.node.testing.fuzz.FuzzFrame;
import org.swarmjvm.node.testing.fuzz.FuzzFrameBuilder;
import org.swarmjvm.node.testing.fuzz.WireInput;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.protocol.logfiles.LogfilesConst;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import static java.util.EnumSet.of;
import static org.swarmjvm.node.testing.fuzz.ReplyCheck.arraysUntilEmpty;
import static org.swarmjvm.node.testing.fuzz.ReplyCheck.expect;
import static org.swarmjvm.node.testing.fuzz.ReplyCheck.status;
import static org.swarmjvm.protocol.SwarmStatus.BAD_CHANNEL_NAME;
import static org.swarmjvm.protocol.SwarmStatus.EMPTY_VALUE;
import static org.swarmjvm.protocol.SwarmStatus.ERROR;
import static org.swarmjvm.protocol.SwarmStatus.OK;
import static org.swarmjvm.protocol.SwarmStatus.OUT_OF_MEMORY;

/**
 * Valid logfiles requests of every legacy command (spec §3), on a few fuzzing channels whose keys fall in four
 * buckets, and the check of the node's replies against the statuses and layouts the spec gives each command.
 * Redistribute is sent with an empty node list or a fraction outside (0, 1], which the node refuses with 500;
 * it is never the damaged last frame, because damage could turn it into a request that hands the node's buckets
 * to made-up nodes.
 */
final class LogfilesFrameGenerator implements FrameGenerator
{
    /** Channels fuzzing writes to; the well-behaved clients use longer names no damage of these can reach. */
    static final String[] CHANNELS = {"fz0", "fz1", "fz2", "fz3"};
    private static final String[] BAD_CHANNELS = {"", "fz 0", "fz/0", "fz.0", "f".repeat(256)};
    /** Keys of four buckets (4,096 keys each). */
    static final long BASE_KEY = 0x60000000L;
    private static final int KEYS = 4 * 4096;
    private static final int MAX_VALUE = 48;
    private static final int MAX_BATCH_RECORDS = 8;
    private static final String[] FILTERS = {"1", "23", "9", "x"};
    private static final String[] REGEXES = {"^1", "[0-4]+5", "7|8", "(unclosed", "0{2,}", "^$"};
    private static final float[] FRACTIONS = {0.5f, 1f, 0f, 1.5f, -1f, Float.NaN};
    private static final LogfilesCommand[] COMMANDS = LogfilesCommand.values();
    private static final Set<SwarmStatus> PUT_STATUSES = of(OK, OUT_OF_MEMORY, EMPTY_VALUE, BAD_CHANNEL_NAME, ERROR);
    private static final Set<SwarmStatus> PUT_BATCH_STATUSES = of(OK, EMPTY_VALUE, BAD_CHANNEL_NAME, ERROR);
    private static final Set<SwarmStatus> CHANNEL_STATUSES = of(OK, BAD_CHANNEL_NAME);

    private final FuzzBatch batch = new FuzzBatch(LogfilesConst.BATCH_SIZE);

    @Override
    public String protocol()
    {
        return "logfiles";
    }

    @Override
    public FuzzFrame validFrame(final SplittableRandom random, final boolean last)
    {
        LogfilesCommand command = COMMANDS[random.nextInt(COMMANDS.length)];
        while (LogfilesCommand.REDISTRIBUTE == command && last)
        {
            command = COMMANDS[random.nextInt(COMMANDS.length)];
        }
        final FuzzFrameBuilder frame = new FuzzFrameBuilder(command.name(), command.code());
        switch (command)
        {
            case PUT:
                return frame.array(channel(random)).array(key(random)).array(value(random)).build();
            case PUT_BATCH:
                return frame.array(channel(random)).rawArray(putBatch(random)).build();
            case REMOVE_CHANNEL:
            case GET_ALL:
                return frame.array(channel(random)).build();
            case GET_ALL_FILTER:
                return frame.array(channel(random)).array(pick(random, FILTERS)).build();
            case GET_RANGE:
                return range(frame.array(channel(random)), random).build();
            case GET_RANGE_FILTER:
                return range(frame.array(channel(random)), random).array(pick(random, FILTERS)).build();
            case GET_RANGE_REGEX:
                return range(frame.array(channel(random)), random).u8(random.nextInt(3))
                    .array(pick(random, REGEXES)).build();
            case REDISTRIBUTE:
                return redistribute(frame, random).build();
            default:
                return frame.build();
        }
    }

    @Override
    public int unknownCode(final SplittableRandom random)
    {
        return FrameGenerator.unknownCode(random, LogfilesCommand.MAX_CODE, code -> null != LogfilesCommand.of(code));
    }

    @Override
    public boolean isForbidden(final int commandCode)
    {
        return LogfilesCommand.REDISTRIBUTE.code() == commandCode;
    }

    @Override
    public void readReply(final FuzzFrame frame, final WireInput in) throws IOException
    {
        final LogfilesCommand command = LogfilesCommand.valueOf(frame.name());
        switch (command)
        {
            case PUT:
                status(command.label(), in, PUT_STATUSES);
                break;
            case PUT_BATCH:
                status(command.label(), in, PUT_BATCH_STATUSES);
                break;
            case REMOVE_CHANNEL:
                status(command.label(), in, CHANNEL_STATUSES);
                break;
            case GET_CHANNELS:
                status(command.label(), in, of(OK));
                arraysUntilEmpty(in, LogfilesConst.MAX_CHANNEL_NAME_LENGTH);
                break;
            case GET_NUM_CONNECTIONS:
                status(command.label(), in, of(OK));
                in.readArray(64);
                in.readU16();
                expect(in.readLong() >= 1, "GetNumConnections counts less than the asking connection");
                break;
            case GET_VERSION:
                status(command.label(), in, of(OK));
                expect(LogfilesConst.API_VERSION.equals(new String(in.readArray(64), StandardCharsets.US_ASCII)),
                    "GetVersion is not " + LogfilesConst.API_VERSION);
                break;
            case GET_ALL:
            case GET_ALL_FILTER:
            case GET_RANGE:
            case GET_RANGE_FILTER:
            case GET_RANGE_REGEX:
                if (OK == status(command.label(), in, of(OK, BAD_CHANNEL_NAME, ERROR)))
                {
                    expect(arraysUntilEmpty(in, batch.maxArrayLength()) >= 1,
                        command.label() + " sent no batch before the end marker (spec §3.12: always one)");
                }
                break;
            case REDISTRIBUTE:
                status(command.label(), in, of(ERROR));
                break;
            default:
                throw new AssertionError("no reply check for " + command);
        }
    }

    private static FuzzFrameBuilder range(final FuzzFrameBuilder frame, final SplittableRandom random)
    {
        final long lower = BASE_KEY + random.nextInt(KEYS);
        final long upper = 0 == random.nextInt(8) ? lower - 1 - random.nextInt(100) : lower + random.nextInt(KEYS);
        return frame.array(hex(lower, random)).array(hex(upper, random));
    }

    private static FuzzFrameBuilder redistribute(final FuzzFrameBuilder frame, final SplittableRandom random)
    {
        final float fraction = FRACTIONS[random.nextInt(FRACTIONS.length)];
        frame.i32(Float.floatToRawIntBits(fraction));
        if (!(fraction > 0 && fraction <= 1))
        {
            // A refused fraction may list nodes: the node reads the list, then answers 500.
            for (int i = random.nextInt(2); i > 0; i--)
            {
                frame.array("127.0.0.1").u16(1);
            }
        }
        return frame.array(new byte[0]);
    }

    private byte[] putBatch(final SplittableRandom random)
    {
        final int records = random.nextInt(MAX_BATCH_RECORDS + 1);
        final long[] keys = new long[records];
        final byte[][] values = new byte[records][];
        for (int i = 0; i < records; i++)
        {
            keys[i] = BASE_KEY + random.nextInt(KEYS);
            values[i] = 0 == random.nextInt(32) ? new byte[0] :
                FrameGenerator.digits(random, 1 + random.nextInt(MAX_VALUE));
        }
        return batch.array(keys, values);
    }

    private static String channel(final SplittableRandom random)
    {
        return FrameGenerator.channel(random, CHANNELS, BAD_CHANNELS);
    }

    private static String key(final SplittableRandom random)
    {
        return hex(BASE_KEY + random.nextInt(KEYS), random);
    }

    /** A hex key; one in eight in upper case, which the node accepts. */
    private static String hex(final long key, final SplittableRandom random)
    {
        final String text = HexKey.toString(key);
        return 0 == random.nextInt(8) ? text.toUpperCase(Locale.ROOT) : text;
    }

    private static byte[] value(final SplittableRandom random)
    {
        final int pick = random.nextInt(64);
        final int length = 0 == pick ? 0 : 1 == pick ? LogfilesConst.MAX_PUT_VALUE_LENGTH + 1 + random.nextInt(64) :
            1 + random.nextInt(MAX_VALUE);
        return FrameGenerator.digits(random, length);
    }

    private static String pick(final SplittableRandom random, final String[] choices)
    {
        return choices[random.nextInt(choices.length)];
    }
}
