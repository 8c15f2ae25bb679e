package org.swarmjvm.node.testing;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Named pipes (FIFOs) that hold a node's start where it opens a file: opening one for reading waits until a writer
 * opens it, so a test decides when the load goes on, without timing.
 */
public final class NamedPipe
{
    private NamedPipe()
    {
    }

    /**
     * @param path of the pipe to make.
     * @return the path.
     */
    public static Path create(final Path path) throws IOException, InterruptedException
    {
        final Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo " + path);
        return path;
    }
}
