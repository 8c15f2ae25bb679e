package org.swarmjvm.cli;

import java.nio.charset.StandardCharsets;

/**
 * FNV-1a 64-bit hash, as swarm applications commonly derived record keys from strings (ocean's {@code Fnv1a}):
 * offset basis {@code 0xcbf29ce484222325}, prime {@code 0x100000001b3}, over the bytes of the string.
 */
public final class Fnv1a64
{
    /** The FNV-1a 64 offset basis. */
    public static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    /** The FNV-1a 64 prime. */
    public static final long PRIME = 0x100000001b3L;

    private Fnv1a64()
    {
    }

    /**
     * @param bytes to hash.
     * @return the hash.
     */
    public static long hash(final byte[] bytes)
    {
        long hash = OFFSET_BASIS;
        for (final byte b : bytes)
        {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }

    /**
     * @param text to hash, as its UTF-8 bytes.
     * @return the hash.
     */
    public static long hash(final String text)
    {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }
}
