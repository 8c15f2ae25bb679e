package org.swarmjvm.node.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a full-disk test, unmounted at {@link #close()}. Mounting needs root: where the
 * machine does not permit it, {@link #mount} skips the test with a message saying so.
 */
public final class Tmpfs implements AutoCloseable
{
    private final Path mountPoint;

    private Tmpfs(final Path mountPoint)
    {
        this.mountPoint = mountPoint;
    }

    /**
     * Mounts a tmpfs, or skips the calling test when that is not permitted.
     *
     * @param mountPoint an empty directory; created when missing.
     * @param size       as {@code mount -o size=} takes it, e.g. {@code 1m}.
     * @param what       the check that needs it, for the skip message.
     * @return the mounted file system.
     */
    public static Tmpfs mount(final Path mountPoint, final String size, final String what)
    {
        try
        {
            Files.createDirectories(mountPoint);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final boolean mounted = 0 == run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
        Assumptions.assumeTrue(mounted, "skipped: mounting a " + size + " tmpfs is not permitted here (needs root); " +
            what + " is checked where it is");
        return new Tmpfs(mountPoint);
    }

    /**
     * @return where it is mounted.
     */
    public Path path()
    {
        return mountPoint;
    }

    /**
     * Changes the size, e.g. to give a full file system room again.
     *
     * @param size as {@code mount -o size=} takes it.
     */
    public void resize(final String size)
    {
        if (0 != run("mount", "-o", "remount,size=" + size, mountPoint.toString()))
        {
            throw new IllegalStateException("cannot resize the tmpfs at " + mountPoint + " to " + size);
        }
    }

    /**
     * Writes a file until the file system is full; deleting it gives the room back.
     *
     * @param name of the file, in the file system's root.
     * @return the file.
     * @throws AssertionError when a write fails for another reason than a full file system.
     */
    public Path fill(final String name)
    {
        final Path filler = mountPoint.resolve(name);
        final byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler))
        {
            while (true)
            {
                out.write(block);
            }
        }
        catch (final IOException full)
        {
            if (!String.valueOf(full.getMessage()).contains("No space left"))
            {
                throw new AssertionError("filling " + filler + " failed, not for want of space: " + full, full);
            }
        }
        return filler;
    }

    /**
     * Remounts it read-only: as root ignores permission bits, this is how a test gets a folder nothing can be
     * written to.
     */
    public void readOnly()
    {
        if (0 != run("mount", "-o", "remount,ro", mountPoint.toString()))
        {
            throw new IllegalStateException("cannot remount the tmpfs at " + mountPoint + " read-only");
        }
    }

    @Override
    public void close()
    {
        run("umount", mountPoint.toString());
    }

    private static int run(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return -1;
            }
            if (0 != process.exitValue())
            {
                System.out.println(String.join(" ", command) + ": " + output.strip());
            }
            return process.exitValue();
        }
        catch (final IOException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
