package org.swarmjvm.protocol.codec;

/**
 * Decodes requests for one record: Get, Exists, Remove.
 * <pre>
 *   i32 command | ARRAY(channel) | ARRAY(16 hex digits key)
 * </pre>
 * The key field is taken as it comes: whether it is a valid key is the handler's question, because the original
 * answers an invalid key differently per command.
 */
public class ChannelKeyRequestDecoder extends ChannelRequestDecoder
{
    private int keyOffset;
    private int keyLength;

    @Override
    public int decode(final RequestScanner scanner)
    {
        if (!scanChannel(scanner) || !scanKey(scanner))
        {
            return scanner.shortfall();
        }
        return scanner.complete();
    }

    /**
     * Scans the key field.
     *
     * @param scanner positioned after the channel.
     * @return false when the scanner came short.
     */
    protected final boolean scanKey(final RequestScanner scanner)
    {
        if (!scanner.array(ArrayPrefix.MAX_ARRAY_LENGTH))
        {
            return false;
        }
        keyOffset = scanner.fieldOffset();
        keyLength = scanner.fieldLength();
        return true;
    }

    /**
     * @return true when the key field is exactly 16 hex digits.
     */
    public final boolean isKeyValid()
    {
        return HexKey.isValid(buffer(), keyOffset, keyLength);
    }

    /**
     * @return the key; only meaningful when {@link #isKeyValid()}.
     */
    public final long key()
    {
        return HexKey.parse(buffer(), keyOffset);
    }

    /**
     * @return length of the key field as sent.
     */
    public final int keyLength()
    {
        return keyLength;
    }
}
