package org.swarmjvm.protocol.dht.tcm;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code .tcm} file that cannot be read: unsupported version, truncated, or holding absurd lengths. The message
 * names the file and the byte offset where the problem was found.
 */
public class TcmFormatException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** Byte offset in the file where the bad record starts: where to look with a hex dump. */
    private final long offset;

    /**
     * @param file   the dump file.
     * @param offset of the offending field.
     * @param what   is wrong there.
     */
    public TcmFormatException(final Path file, final long offset, final String what)
    {
        super(file + " at byte offset " + offset + ": " + what);
        this.file = file;
        this.offset = offset;
    }

    /**
     * @return the dump file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return byte offset of the offending field.
     */
    public long offset()
    {
        return offset;
    }
}
