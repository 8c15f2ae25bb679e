package org.swarmjvm.dht.node.storage;

import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.AbstractData;
import net.openhft.chronicle.hash.Data;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChannelKeyDataTest
{
    /** The map's hash function. */
    private static final LongHashFunction MAP_HASH = LongHashFunction.xx_r39();

    @Test
    void theHashOfTheLongIsTheMapsHashOfTheKeyBytes()
    {
        final ChannelKeyData key = new ChannelKeyData();
        for (final long value : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL, 0xfedcba98L})
        {
            key.of(value);
            assertEquals(bytesHash(key), key.hash(MAP_HASH), Long.toHexString(value));
        }
    }

    /**
     * @return the hash the map takes of a key's bytes when the key's data does not compute it itself.
     */
    private static long bytesHash(final Data<Long> key)
    {
        final Data<Long> bytesOnly = new AbstractData<>()
        {
            @Override
            public RandomDataInput bytes()
            {
                return key.bytes();
            }

            @Override
            public long offset()
            {
                return key.offset();
            }

            @Override
            public long size()
            {
                return key.size();
            }

            @Override
            public Long get()
            {
                return key.get();
            }

            @Override
            public Long getUsing(final Long using)
            {
                return key.get();
            }
        };
        return bytesOnly.hash(MAP_HASH);
    }
}
