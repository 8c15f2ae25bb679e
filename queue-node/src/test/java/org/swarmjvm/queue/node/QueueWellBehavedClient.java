package org.swarmjvm.queue.node;

import org.swarmjvm.node.testing.fuzz.WellBehavedClient;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.queue.client.QueueClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A queue client that pushes to its own two channels (one record at a time, or one record to both with
 * PushMulti) and pops from them through the blocking client, keeps what each channel must hold in a queue, and
 * checks that every Pop returns the oldest record, exactly once. Some records are longer than the ring, so the
 * disk overflow and the order across ring and disk are checked too.
 */
final class QueueWellBehavedClient implements WellBehavedClient
{
    /** Channel names of well-behaved clients start with this; fuzzing never writes such a channel. */
    static final String CHANNEL_PREFIX = "wellbehaved_";
    private static final int LONG_VALUE = 3000;

    private final List<String> channels;
    private final List<ArrayDeque<byte[]>> expected = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    private final QueueClient client;
    private final SplittableRandom random;
    private long steps;

    /**
     * @param node  address.
     * @param index of the client: its channels and its seed.
     */
    QueueWellBehavedClient(final InetSocketAddress node, final int index)
    {
        this.channels = List.of(CHANNEL_PREFIX + index + "a", CHANNEL_PREFIX + index + "b");
        this.random = new SplittableRandom(index);
        this.client = new QueueClient(List.of(node));
    }

    @Override
    public void step()
    {
        steps++;
        final int which = random.nextInt(2);
        final int op = random.nextInt(20);
        if (op < 8)
        {
            final byte[] value = value(which);
            client.push(channels.get(which), value);
            expected.get(which).add(value);
        }
        else if (op < 10)
        {
            final byte[] value = value(2);
            final SwarmStatus status = client.pushMulti(channels, value);
            if (SwarmStatus.OK != status)
            {
                throw new AssertionError("PushMulti to " + channels + " answered " + status);
            }
            expected.get(0).add(value);
            expected.get(1).add(value);
        }
        else
        {
            popAndCheck(which);
        }
    }

    @Override
    public long verifyAll()
    {
        long records = 0;
        for (int which = 0; which < channels.size(); which++)
        {
            while (!expected.get(which).isEmpty())
            {
                popAndCheck(which);
                records++;
            }
            popAndCheck(which);
        }
        return records;
    }

    @Override
    public void close()
    {
        client.close();
    }

    private void popAndCheck(final int which)
    {
        final byte[] want = expected.get(which).poll();
        final byte[] got = client.pop(channels.get(which));
        if (!Arrays.equals(want, got))
        {
            throw new AssertionError(channels.get(which) + ": Pop gave '" + ascii(got) + "', the oldest record " +
                "pushed and not yet popped is '" + ascii(want) + "'");
        }
    }

    private byte[] value(final int which)
    {
        final String text = channels.get(Math.min(which, 1)) + ":" + which + ":" + steps;
        if (0 != random.nextInt(16))
        {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        final byte[] value = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), LONG_VALUE);
        Arrays.fill(value, text.length(), LONG_VALUE, (byte)'.');
        return value;
    }

    private static String ascii(final byte[] bytes)
    {
        if (null == bytes)
        {
            return "(empty)";
        }
        final String text = new String(bytes, StandardCharsets.US_ASCII);
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
