package org.swarmjvm.dht.node;

import org.swarmjvm.node.testing.fuzz.FrameGenerator;
import org.swarmjvm.node.testing.fuzz.FuzzBatch;
import org.swarmjvm.node.testing.fuzz.FuzzFrame;
import org.swarmjvm.node.testing.fuzz.FuzzFrameBuilder;
import org.swarmjvm.node.testing.fuzz.WireInput;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.codec.HexKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import static org.swarmjvm.protocol.SwarmStatus.VALUE_TOO_BIG;
import static org.swarmjvm.protocol.SwarmStatus.WRONG_NODE;

/**
 * Valid DHT requests of every command but Redistribute (it would hand the node's records to other nodes), on a
 * few fuzzing channels with a small key space so that the channels stay small; and the check of the node's
 * replies against the spec's §3 (statuses per command, reply layouts). The node must own the full range.
 */
final class DhtFrameGenerator implements FrameGenerator
{
    /** Channels fuzzing writes to; the well-behaved clients use longer names no damage of these can reach. */
    static final String[] CHANNELS = {"fz0", "fz1", "fz2", "fz3"};
    private static final String[] BAD_CHANNELS = {"", "fz 0", "fz/0", "fz.0"};
    private static final int KEYS = 256;
    private static final int MAX_VALUE = 48;
    private static final int MAX_BATCH_RECORDS = 8;
    private static final DhtCommand[] COMMANDS = Arrays.stream(DhtCommand.values())
        .filter(command -> DhtCommand.REDISTRIBUTE != command).toArray(DhtCommand[]::new);
    private static final Set<SwarmStatus> PUT_STATUSES = of(OK, WRONG_NODE, OUT_OF_MEMORY, EMPTY_VALUE,
        BAD_CHANNEL_NAME, VALUE_TOO_BIG, ERROR);
    private static final Set<SwarmStatus> PUT_BATCH_STATUSES = of(OK, WRONG_NODE, OUT_OF_MEMORY, EMPTY_VALUE,
        BAD_CHANNEL_NAME, ERROR);
    private static final Set<SwarmStatus> CHANNEL_STATUSES = of(OK, BAD_CHANNEL_NAME);

    private final int batchSize;
    private final FuzzBatch batch;

    /**
     * @param batchSize the node's {@code batch_size}.
     */
    DhtFrameGenerator(final int batchSize)
    {
        this.batchSize = batchSize;
        this.batch = new FuzzBatch(batchSize);
    }

    @Override
    public String protocol()
    {
        return "dht";
    }

    @Override
    public FuzzFrame validFrame(final SplittableRandom random, final boolean last)
    {
        DhtCommand command = COMMANDS[random.nextInt(COMMANDS.length)];
        while (DhtCommand.LISTEN == command && !last)
        {
            command = COMMANDS[random.nextInt(COMMANDS.length)];
        }
        final FuzzFrameBuilder frame = new FuzzFrameBuilder(command.name(), command.code());
        switch (command)
        {
            case PUT:
                return frame.array(channel(random)).array(key(random)).array(value(random)).build();
            case GET:
            case EXISTS:
            case REMOVE:
                return frame.array(channel(random)).array(key(random)).build();
            case GET_CHANNEL_SIZE:
            case REMOVE_CHANNEL:
            case LISTEN:
            case GET_ALL:
            case GET_ALL_KEYS:
                return frame.array(channel(random)).build();
            case GET_ALL_FILTER:
                return frame.array(channel(random)).array(ascii(Integer.toString(random.nextInt(10)))).build();
            case PUT_BATCH:
                return frame.array(channel(random)).rawArray(putBatch(random)).build();
            default:
                return frame.build();
        }
    }

    @Override
    public int unknownCode(final SplittableRandom random)
    {
        return FrameGenerator.unknownCode(random, DhtCommand.MAX_CODE, code -> null != DhtCommand.of(code));
    }

    @Override
    public boolean isForbidden(final int commandCode)
    {
        return DhtCommand.REDISTRIBUTE.code() == commandCode;
    }

    @Override
    public void readReply(final FuzzFrame frame, final WireInput in) throws IOException
    {
        final DhtCommand command = DhtCommand.valueOf(frame.name());
        switch (command)
        {
            case PUT:
                status(command.label(), in, PUT_STATUSES);
                break;
            case PUT_BATCH:
                status(command.label(), in, PUT_BATCH_STATUSES);
                break;
            case REMOVE:
                status(command.label(), in, of(OK, WRONG_NODE, BAD_CHANNEL_NAME));
                break;
            case REMOVE_CHANNEL:
                status(command.label(), in, CHANNEL_STATUSES);
                break;
            case GET:
                if (OK == status(command.label(), in, CHANNEL_STATUSES))
                {
                    in.readArray(batchSize);
                }
                break;
            case EXISTS:
                if (OK == status(command.label(), in, CHANNEL_STATUSES))
                {
                    expect(in.readU8() <= 1, "Exists answered a byte other than 0 or 1");
                }
                break;
            case GET_CHANNEL_SIZE:
                if (OK == status(command.label(), in, CHANNEL_STATUSES))
                {
                    sizeBody(in, true);
                }
                break;
            case GET_SIZE:
                status(command.label(), in, of(OK));
                sizeBody(in, true);
                break;
            case GET_NUM_CONNECTIONS:
                status(command.label(), in, of(OK));
                sizeBody(in, false);
                break;
            case GET_RESPONSIBLE_RANGE:
                status(command.label(), in, of(OK));
                expect(0 == in.readLong() && -1 == in.readLong(), "GetResponsibleRange is not the full range");
                break;
            case GET_VERSION:
                status(command.label(), in, of(OK));
                expect(DhtConst.API_VERSION.equals(new String(in.readArray(64), StandardCharsets.US_ASCII)),
                    "GetVersion is not " + DhtConst.API_VERSION);
                break;
            case GET_CHANNELS:
                status(command.label(), in, of(OK));
                arraysUntilEmpty(in, DhtConst.MAX_CHANNEL_NAME_LENGTH);
                break;
            case GET_ALL:
            case GET_ALL_KEYS:
            case GET_ALL_FILTER:
                if (OK == status(command.label(), in, CHANNEL_STATUSES))
                {
                    arraysUntilEmpty(in, batch.maxArrayLength());
                }
                break;
            case LISTEN:
                status(command.label(), in, of(OK, BAD_CHANNEL_NAME, ERROR));
                break;
            default:
                throw new AssertionError("no reply check for " + command);
        }
    }

    private static void sizeBody(final WireInput in, final boolean withBytes) throws IOException
    {
        in.readArray(64);
        in.readU16();
        expect(in.readLong() >= 0, "negative count");
        if (withBytes)
        {
            expect(in.readLong() >= 0, "negative byte count");
        }
    }

    private static String channel(final SplittableRandom random)
    {
        return FrameGenerator.channel(random, CHANNELS, BAD_CHANNELS);
    }

    private static String key(final SplittableRandom random)
    {
        return HexKey.toString(random.nextInt(KEYS));
    }

    private byte[] value(final SplittableRandom random)
    {
        final int pick = random.nextInt(32);
        final int length = 0 == pick ? 0 : 1 == pick ? DhtConst.maxValueLength(batchSize) + 1 + random.nextInt(64) :
            1 + random.nextInt(MAX_VALUE);
        return FrameGenerator.digits(random, length);
    }

    private byte[] putBatch(final SplittableRandom random)
    {
        final int records = random.nextInt(MAX_BATCH_RECORDS + 1);
        final long[] keys = new long[records];
        final byte[][] values = new byte[records][];
        int kept = 0;
        for (int i = records; i > 0; i--)
        {
            final byte[] value = 0 == random.nextInt(32) ? new byte[0] : value(random);
            if (value.length <= MAX_VALUE)
            {
                values[kept] = value;
                keys[kept++] = random.nextInt(KEYS);
            }
        }
        return batch.array(Arrays.copyOf(keys, kept), Arrays.copyOf(values, kept));
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
