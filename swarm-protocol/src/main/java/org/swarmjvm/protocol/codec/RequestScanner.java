package org.swarmjvm.protocol.codec;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads a request's fields straight out of a connection's read buffer, without copying and without knowing in
 * advance whether the whole request has arrived yet.
 * <p>
 * A decoder wraps the bytes that follow the command code and asks for its fields in order. When a field is not
 * complete yet the scanner reports {@link #INCOMPLETE} and {@link #requiredLength()} tells how many bytes the
 * request needs at least, so the connection can grow its buffer and try again once more bytes came in (requests
 * are short, so decoding again from the start costs less than keeping per-field state). Every length prefix is
 * checked against a limit before anything is read: an array over its limit is never buffered, it is discarded
 * as it arrives.
 * <p>
 * Results of a decode, as returned by the decoders: a value {@code >= 0} is the number of bytes the complete
 * request took; the negative constants below say what the connection must do instead.
 */
public final class RequestScanner
{
    /** Not all of the request's bytes are in the buffer yet. */
    public static final int INCOMPLETE = -1;

    /** An array exceeded its limit: discard {@link #discardLength()} more bytes, then close the connection. */
    public static final int CLOSE_AFTER_DISCARD = -2;

    /**
     * An array exceeded a limit that is answered with a status (Put's value): discard {@link #discardLength()} more
     * bytes, then execute the request.
     */
    public static final int EXECUTE_AFTER_DISCARD = -3;

    private DirectBuffer buffer;
    private int start;
    private int position;
    private int limit;
    private int fieldOffset;
    private int fieldLength;
    private long discardLength;
    private long declaredLength;
    private long requiredLength;

    /**
     * Starts scanning a request body.
     *
     * @param buffer holding the received bytes.
     * @param offset of the first byte after the command code.
     * @param limit  one past the last received byte.
     * @return this scanner.
     */
    public RequestScanner wrap(final DirectBuffer buffer, final int offset, final int limit)
    {
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
        this.limit = limit;
        this.fieldOffset = 0;
        this.fieldLength = 0;
        this.discardLength = 0;
        this.declaredLength = 0;
        this.requiredLength = 0;
        return this;
    }

    /**
     * Scans one {@code ARRAY} whose length must not exceed {@code maxLength}.
     *
     * @param maxLength the largest length accepted.
     * @return true when the array is complete ({@link #fieldOffset()} and {@link #fieldLength()} describe it); false
     * when the request is {@link #INCOMPLETE} or the array is over its limit ({@link #CLOSE_AFTER_DISCARD}), as
     * {@link #shortfall()} tells.
     */
    public boolean array(final int maxLength)
    {
        return scanArray(maxLength) && !isDiscarding();
    }

    /**
     * Scans an {@code ARRAY} whose declared length may exceed {@code maxLength} without breaking the stream: such an
     * array is to be discarded and the request still executed (Put's value over the record limit).
     *
     * @param maxLength the largest length kept.
     * @return true when the array is complete or was over the limit ({@link #isDiscarding()} then tells); false when
     * the request is incomplete.
     */
    public boolean arrayOrDiscard(final int maxLength)
    {
        return scanArray(maxLength);
    }

    /**
     * Scans a fixed-size field.
     *
     * @param length of the field in bytes.
     * @return true when the field is complete ({@link #fieldOffset()} is where it starts); false when incomplete.
     */
    public boolean fixed(final int length)
    {
        if (!has(length))
        {
            return false;
        }
        fieldOffset = position;
        fieldLength = length;
        position += length;
        return true;
    }

    /**
     * Why the last scan returned false.
     *
     * @return {@link #INCOMPLETE} or {@link #CLOSE_AFTER_DISCARD}.
     */
    public int shortfall()
    {
        return discardLength > 0 ? CLOSE_AFTER_DISCARD : INCOMPLETE;
    }

    /**
     * The result for a request whose fields were all scanned.
     *
     * @return the bytes consumed, or {@link #EXECUTE_AFTER_DISCARD} when an array is still to be discarded.
     */
    public int complete()
    {
        return discardLength > 0 ? EXECUTE_AFTER_DISCARD : position - start;
    }

    /**
     * @return true when the last {@link #arrayOrDiscard(int)} found an array over its limit.
     */
    public boolean isDiscarding()
    {
        return discardLength > 0;
    }

    /**
     * @return offset of the last scanned field's first byte.
     */
    public int fieldOffset()
    {
        return fieldOffset;
    }

    /**
     * @return length of the last scanned field.
     */
    public int fieldLength()
    {
        return fieldLength;
    }

    /**
     * @return bytes consumed from the start of the body, including the prefix of an array being discarded.
     */
    public int consumed()
    {
        return position - start;
    }

    /**
     * @return bytes of an over-limit array that still have to be read and thrown away ({@link Long#MAX_VALUE} for
     * a negative, that is absurd, length).
     */
    public long discardLength()
    {
        return discardLength;
    }

    /**
     * @return the length prefix of the array found over its limit, as sent: read it as unsigned (a prefix of 2^63
     * or more is negative here, and {@link #discardLength()} caps it).
     */
    public long declaredLength()
    {
        return declaredLength;
    }

    /**
     * @return after {@link #INCOMPLETE}: how many body bytes the request needs at least.
     */
    public long requiredLength()
    {
        return requiredLength;
    }

    /**
     * @return the buffer being scanned.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Scans an array: complete (true), over the limit and to be discarded (true, {@link #isDiscarding()}), or
     * incomplete (false).
     */
    private boolean scanArray(final int maxLength)
    {
        if (!has(ArrayPrefix.LENGTH))
        {
            return false;
        }
        final long length = buffer.getLong(position, LITTLE_ENDIAN);
        if (length < 0 || length > maxLength)
        {
            position += ArrayPrefix.LENGTH;
            declaredLength = length;
            discardLength = length < 0 ? Long.MAX_VALUE : length;
            fieldOffset = position;
            fieldLength = 0;
            return true;
        }
        if (!has(ArrayPrefix.LENGTH + (int)length))
        {
            return false;
        }
        fieldOffset = position + ArrayPrefix.LENGTH;
        fieldLength = (int)length;
        position = fieldOffset + fieldLength;
        return true;
    }

    private boolean has(final int length)
    {
        if (limit - position >= length)
        {
            return true;
        }
        requiredLength = (long)(position - start) + length;
        return false;
    }
}
