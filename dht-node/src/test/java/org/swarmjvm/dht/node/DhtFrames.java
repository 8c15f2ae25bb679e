package org.swarmjvm.dht.node;

import io.airlift.compress.lzo.LzoCompressor;
import org.swarmjvm.node.testing.Frame;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.codec.HexKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DHT requests as raw bytes, well-formed or not, and the few reply checks the robustness tests share.
 */
final class DhtFrames
{
    static final int OK = SwarmStatus.OK.code();

    private DhtFrames()
    {
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static Frame put(final String channel, final String key, final byte[] value)
    {
        return new Frame().i32(DhtCommand.PUT.code()).array(channel).array(key).array(value);
    }

    static Frame put(final String channel, final long key, final String value)
    {
        return put(channel, HexKey.toString(key), ascii(value));
    }

    static Frame keyed(final DhtCommand command, final String channel, final String key)
    {
        return new Frame().i32(command.code()).array(channel).array(key);
    }

    static Frame get(final String channel, final long key)
    {
        return keyed(DhtCommand.GET, channel, HexKey.toString(key));
    }

    static Frame channelOnly(final DhtCommand command, final String channel)
    {
        return new Frame().i32(command.code()).array(channel);
    }

    static Frame getAllFilter(final String channel, final String filter)
    {
        return channelOnly(DhtCommand.GET_ALL_FILTER, channel).array(filter);
    }

    static Frame putBatch(final String channel, final byte[] compressedBatch)
    {
        return channelOnly(DhtCommand.PUT_BATCH, channel).array(compressedBatch);
    }

    static Frame getVersion()
    {
        return new Frame().i32(DhtCommand.GET_VERSION.code());
    }

    /**
     * Starts the uncompressed entries of a key/value batch; add entries with {@link Frame#array(String)}.
     */
    static Frame entries()
    {
        return new Frame();
    }

    /**
     * @param entries uncompressed batch entries, possibly malformed.
     * @return the batch as it travels inside the PutBatch ARRAY: u64 uncompressed length, then LZO1X.
     */
    static byte[] compress(final byte[] entries)
    {
        final LzoCompressor compressor = new LzoCompressor();
        final byte[] compressed = new byte[compressor.maxCompressedLength(entries.length)];
        final int length = compressor.compress(entries, 0, entries.length, compressed, 0, compressed.length);
        return new Frame().u64(entries.length).raw(Arrays.copyOf(compressed, length)).bytes();
    }

    static void assertStatus(final RawConnection client, final SwarmStatus expected)
    {
        assertEquals(expected, SwarmStatus.of(client.readInt()));
    }

    static String readValue(final RawConnection client)
    {
        assertStatus(client, SwarmStatus.OK);
        return new String(client.readArray(), StandardCharsets.US_ASCII);
    }

    static String get(final RawConnection client, final String channel, final long key)
    {
        client.send(get(channel, key));
        return readValue(client);
    }

    static void assertPut(final RawConnection client, final String channel, final long key, final String value)
    {
        client.send(put(channel, key, value));
        assertStatus(client, SwarmStatus.OK);
    }

    static void assertServes(final RawConnection client)
    {
        client.send(getVersion());
        assertEquals("20110401", readValue(client));
    }

    static long numConnections(final RawConnection client)
    {
        client.send(new Frame().i32(DhtCommand.GET_NUM_CONNECTIONS.code()));
        assertStatus(client, SwarmStatus.OK);
        client.readArray();
        client.readU16();
        return client.readLong();
    }
}
