package org.swarmjvm.support.launch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A program's claim on its data folder, held for the process's life: the folder exists, new files can be created
 * in it, and no other process of the same program uses it. The claim is an exclusive {@link FileLock} on
 * {@code <program>.lock} in the folder, a file holding the holder's pid and program name for the message a second
 * process gives when it refuses to start. The operating system releases the lock when the process ends, however it
 * ends; the file stays (deleting it would let a process that opened it just before lock a file nobody else sees).
 * <p>
 * dht-dump writes into its DHT node's folder: the two claim it under different program names, so each excludes
 * only a second copy of itself.
 */
public final class DataFolder implements AutoCloseable
{
    /** Suffix of the lock files: the programs that list their data folder skip these. */
    public static final String LOCK_SUFFIX = ".lock";

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolder(final Path lockFile, final FileChannel channel, final FileLock lock)
    {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder when missing, checks that a file can be created in it, and locks it for this process.
     *
     * @param folder  the data folder.
     * @param program the program claiming it, e.g. {@code dht-node}: names the lock file.
     * @return the claim; {@link #close()} releases it.
     * @throws UnusableException when the folder cannot be created or written, or another process holds it.
     */
    public static DataFolder claim(final Path folder, final String program)
    {
        try
        {
            Files.createDirectories(folder);
        }
        catch (final IOException ex)
        {
            throw new UnusableException("cannot create data folder " + folder.toAbsolutePath() + ": " + ex);
        }
        checkWritable(folder);
        final Path lockFile = folder.resolve(program + LOCK_SUFFIX);
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new UnusableException("cannot open lock file " + lockFile.toAbsolutePath() + ": " + ex);
        }
        try
        {
            final FileLock lock = tryLock(channel);
            if (null == lock)
            {
                throw new UnusableException("data folder " + folder.toAbsolutePath() + " is in use by " +
                    holder(channel) + " (it holds " + lockFile.toAbsolutePath() + ")");
            }
            final byte[] owner = (ProcessHandle.current().pid() + " " + program + "\n")
                .getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner), 0);
            channel.force(false);
            return new DataFolder(lockFile, channel, lock);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new UnusableException("cannot lock " + lockFile.toAbsolutePath() + ": " + ex);
        }
        catch (final RuntimeException ex)
        {
            closeQuietly(channel);
            throw ex;
        }
    }

    /**
     * @param fileName a name in a data folder.
     * @return true for a lock file of this class, which a program listing its folder skips.
     */
    public static boolean isLockFile(final String fileName)
    {
        return fileName.endsWith(LOCK_SUFFIX);
    }

    /**
     * @return the lock file.
     */
    public Path lockFile()
    {
        return lockFile;
    }

    /**
     * Releases the folder.
     */
    @Override
    public void close()
    {
        try
        {
            lock.release();
        }
        catch (final IOException ex)
        {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
    }

    /**
     * Root ignores permission bits, so only creating a file tells whether the dumps and ring files can be
     * created later: a read-only mount or an immutable folder fails here, at start, instead of at shutdown.
     * Engines launched without the runner (embedded) call it too.
     *
     * @param folder an existing folder.
     * @throws UnusableException naming the folder and the cause when a file cannot be created in it.
     */
    public static void checkWritable(final Path folder)
    {
        try
        {
            Files.delete(Files.createTempFile(folder, ".write-test-", ".tmp"));
        }
        catch (final IOException ex)
        {
            throw new UnusableException("data folder " + folder.toAbsolutePath() + " is not writable: " + ex);
        }
    }

    private static FileLock tryLock(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            // Held by this JVM: an embedding process runs a second node on the same folder.
            return null;
        }
    }

    private static String holder(final FileChannel channel) throws IOException
    {
        final ByteBuffer content = ByteBuffer.allocate(256);
        channel.read(content, 0);
        final String[] owner = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII)
            .strip().split(" ", 2);
        return 2 == owner.length ? owner[1] + " pid " + owner[0] : "another process";
    }

    private static void closeQuietly(final FileChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            // Nothing more to release.
        }
    }

    /**
     * The data folder cannot be used: the message says why, in one line, for the operator.
     */
    public static final class UnusableException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        UnusableException(final String message)
        {
            super(message);
        }
    }
}
