package org.swarmjvm.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Ports for the tests of connection failures.
 */
public final class TestPorts
{
    private TestPorts()
    {
    }

    /**
     * @return a port nothing listens on (bound and released just now).
     */
    public static int closedPort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
