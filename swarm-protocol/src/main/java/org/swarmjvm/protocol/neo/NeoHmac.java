package org.swarmjvm.protocol.neo;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The authentication code: {@code HMAC-SHA512(key, u64_LE(timestamp) || nonce[4])}, with the 128-byte key used as
 * is. One instance per thread: it holds a {@link Mac}.
 */
public final class NeoHmac
{
    private final Mac mac;
    private final ByteBuffer input = ByteBuffer.allocate(Long.BYTES + NeoConst.NONCE_LENGTH)
        .order(ByteOrder.LITTLE_ENDIAN);

    /**
     * Creates the JDK's HMAC-SHA512.
     */
    public NeoHmac()
    {
        try
        {
            mac = Mac.getInstance(NeoConst.HMAC_ALGORITHM);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK lacks " + NeoConst.HMAC_ALGORITHM, ex);
        }
    }

    /**
     * @param key       the 128-byte client key.
     * @param timestamp the client's timestamp.
     * @param nonce     the node's 4-byte nonce.
     * @return the 64-byte code.
     */
    public byte[] code(final SecretKeySpec key, final long timestamp, final byte[] nonce)
    {
        try
        {
            mac.init(key);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("unusable key", ex);
        }
        input.clear();
        input.putLong(timestamp).put(nonce, 0, NeoConst.NONCE_LENGTH);
        mac.update(input.array(), 0, input.position());
        return mac.doFinal();
    }

    /**
     * @param key 128 raw bytes.
     * @return the key as the JDK wants it.
     */
    public static SecretKeySpec keySpec(final byte[] key)
    {
        return new SecretKeySpec(key, NeoConst.HMAC_ALGORITHM);
    }

    /**
     * Compares two codes in constant time.
     *
     * @param expected computed code.
     * @param received code from the wire.
     * @return true when equal.
     */
    public static boolean matches(final byte[] expected, final byte[] received)
    {
        return MessageDigest.isEqual(expected, received);
    }
}
