package org.swarmjvm.dht.node;

import org.swarmjvm.node.testing.fuzz.WellBehavedClient;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientContext;
import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A DHT client that puts, gets, checks and removes records of its own channel through the blocking client, keeps
 * what the node must hold in a map, and compares every answer with it.
 */
final class DhtWellBehavedClient implements WellBehavedClient
{
    /** Channel names of well-behaved clients start with this; fuzzing never writes such a channel. */
    static final String CHANNEL_PREFIX = "wellbehaved_";
    private static final int KEYS = 512;

    private final String channel;
    private final DhtClient client;
    private final SplittableRandom random;
    private final Map<Long, byte[]> expected = new HashMap<>();
    private long steps;

    /**
     * @param node  address.
     * @param index of the client: its channel and its seed.
     */
    DhtWellBehavedClient(final InetSocketAddress node, final int index)
    {
        this.channel = CHANNEL_PREFIX + index;
        this.random = new SplittableRandom(index);
        this.client = DhtClient.connect(List.of(new NodeAddress(node.getHostString(), node.getPort())),
            new DhtClientContext().connectionsPerNode(1).readTimeout(Duration.ofSeconds(10)));
    }

    @Override
    public void step()
    {
        steps++;
        final long key = random.nextInt(KEYS);
        final int op = random.nextInt(20);
        if (op < 10)
        {
            final byte[] value = (channel + ":" + key + ":" + steps).getBytes(StandardCharsets.US_ASCII);
            client.put(channel, key, value);
            expected.put(key, value);
        }
        else if (op < 15)
        {
            final byte[] value = client.get(channel, key);
            final byte[] want = expected.getOrDefault(key, new byte[0]);
            if (!Arrays.equals(want, value))
            {
                throw new AssertionError(channel + " key " + key + ": got '" + ascii(value) + "', wrote '" +
                    ascii(want) + "'");
            }
        }
        else if (op < 18)
        {
            if (client.exists(channel, key) != expected.containsKey(key))
            {
                throw new AssertionError(channel + " key " + key + ": Exists says " + !expected.containsKey(key));
            }
        }
        else
        {
            client.remove(channel, key);
            expected.remove(key);
        }
    }

    @Override
    public long verifyAll()
    {
        final Map<Long, byte[]> found = new HashMap<>();
        client.getAll(channel, (key, value) -> found.put(key, value));
        if (found.size() != expected.size())
        {
            throw new AssertionError(channel + ": GetAll gave " + found.size() + " records, " + expected.size() +
                " expected");
        }
        for (final Map.Entry<Long, byte[]> entry : expected.entrySet())
        {
            if (!Arrays.equals(entry.getValue(), found.get(entry.getKey())))
            {
                throw new AssertionError(channel + " key " + entry.getKey() + " differs after GetAll");
            }
        }
        return found.size();
    }

    @Override
    public void close()
    {
        client.close();
    }

    private static String ascii(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
