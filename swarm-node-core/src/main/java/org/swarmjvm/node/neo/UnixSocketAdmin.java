package org.swarmjvm.node.neo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The admin Unix socket: text lines {@code update-credentials} and {@code list-credentials}, answered as the
 * original does (ocean's {@code UnixConnectionHandler}). Each admin connection has its own thread: this is an
 * operator's channel, not a data path.
 */
public final class UnixSocketAdmin implements AutoCloseable
{
    private static final Logger LOG = System.getLogger(UnixSocketAdmin.class.getName());

    private final Path path;
    private final CredentialsRegistry registry;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    /**
     * Binds the socket (replacing a stale file) and starts accepting.
     *
     * @param path     of the socket file.
     * @param registry the credentials it reloads.
     * @throws IOException when the socket cannot be bound.
     */
    public UnixSocketAdmin(final Path path, final CredentialsRegistry registry) throws IOException
    {
        this.path = path;
        this.registry = registry;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        acceptor = new Thread(this::acceptLoop, "neo-admin-" + path.getFileName());
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.log(Level.INFO, "admin unix socket listening on {0}", path.toAbsolutePath());
    }

    private void acceptLoop()
    {
        while (server.isOpen())
        {
            try
            {
                final SocketChannel client = server.accept();
                final Thread thread = new Thread(() -> serve(client), "neo-admin-client");
                thread.setDaemon(true);
                thread.start();
            }
            catch (final IOException ex)
            {
                if (server.isOpen())
                {
                    LOG.log(Level.WARNING, "admin socket accept failed: " + ex.getMessage());
                }
                return;
            }
        }
    }

    private void serve(final SocketChannel client)
    {
        try (client;
            BufferedReader reader = new BufferedReader(
                new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(client))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                final String trimmed = line.strip();
                if (trimmed.isEmpty())
                {
                    continue;
                }
                out.write(answer(trimmed).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        catch (final IOException ex)
        {
            LOG.log(Level.DEBUG, "admin connection ended: " + ex.getMessage());
        }
    }

    /**
     * Executes one command line.
     *
     * @param line the trimmed, non-empty line.
     * @return the response text.
     */
    String answer(final String line)
    {
        final int space = indexOfSpace(line);
        final String command = space < 0 ? line : line.substring(0, space);
        final boolean hasArguments = space >= 0;
        switch (command)
        {
            case "update-credentials":
                if (hasArguments)
                {
                    return "Error: No command arguments expected\n";
                }
                try
                {
                    registry.reload();
                    LOG.log(Level.INFO, "neo credentials reloaded: {0} client(s)", registry.names().size());
                    return "Credentials updated.\n";
                }
                catch (final IOException | IllegalArgumentException ex)
                {
                    LOG.log(Level.WARNING, "neo credentials not reloaded: " + ex.getMessage());
                    return "Error updating credentials: " + ex.getMessage() + "\n";
                }
            case "list-credentials":
                if (hasArguments)
                {
                    return "Error: No command arguments expected\n";
                }
                final StringBuilder text = new StringBuilder("Registered credentials:\n");
                for (final String name : registry.names())
                {
                    text.append(name).append('\n');
                }
                return text.toString();
            default:
                return "Command not found\n";
        }
    }

    private static int indexOfSpace(final String line)
    {
        for (int i = 0; i < line.length(); i++)
        {
            if (Character.isWhitespace(line.charAt(i)))
            {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close()
    {
        try
        {
            server.close();
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "closing the admin socket failed: " + ex.getMessage());
        }
    }
}
