package org.swarmjvm.node.neo;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The admin Unix socket: text lines {@code update-credentials} and {@code list-credentials}, answered as the
 * original does (ocean's {@code UnixConnectionHandler}). Each admin connection has its own thread: this is an
 * operator's channel, not a data path.
 * <p>
 * The socket reloads and lists the neo credentials, so only the node's user may connect: the file is mode 0600
 * whatever the umask. Binding creates it with the umask's mode, and Java cannot pass a mode to the bind, so it is
 * bound in a new directory only the node's user can enter, set to 0600 there, and renamed into place: no other
 * user can reach it while its mode is wider. A line is at most {@link #MAX_LINE_LENGTH} bytes; a longer one is
 * answered with an error and closes the connection, so a peer cannot make the node buffer without bound.
 */
public final class UnixSocketAdmin implements AutoCloseable
{
    private static final Logger LOG = System.getLogger(UnixSocketAdmin.class.getName());
    /** Longest command line, newline excluded; the commands are a few dozen bytes. */
    public static final int MAX_LINE_LENGTH = 4096;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final CredentialsRegistry registry;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    /**
     * Binds the socket, mode 0600 (replacing a stale file), and starts accepting.
     *
     * @param path     of the socket file.
     * @param registry the credentials it reloads.
     * @throws IOException when the socket cannot be bound.
     */
    public UnixSocketAdmin(final Path path, final CredentialsRegistry registry) throws IOException
    {
        this.path = path;
        this.registry = registry;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try
        {
            bindOwnerOnly(server, path);
        }
        catch (final IOException | RuntimeException ex)
        {
            server.close();
            throw ex;
        }
        acceptor = new Thread(this::acceptLoop, "neo-admin-" + path.getFileName());
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.log(Level.INFO, "admin unix socket listening on {0}", path.toAbsolutePath());
    }

    private static void bindOwnerOnly(final ServerSocketChannel server, final Path path) throws IOException
    {
        final Path parent = path.toAbsolutePath().getParent();
        final Path privateDirectory = Files.createTempDirectory(
            parent, ".admin", PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        try
        {
            // A short name: the whole path of a Unix socket is limited to 107 bytes.
            final Path bound = privateDirectory.resolve("s");
            server.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, OWNER_READ_WRITE);
            Files.move(bound, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally
        {
            Files.deleteIfExists(privateDirectory.resolve("s"));
            Files.delete(privateDirectory);
        }
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
        // One line and its newline; the client blocks in its write once it is full.
        final ByteBuffer in = ByteBuffer.allocate(MAX_LINE_LENGTH + 1);
        try (client)
        {
            while (client.read(in) >= 0)
            {
                answerLines(client, in);
                if (!in.hasRemaining())
                {
                    LOG.log(Level.WARNING, "admin connection closed: a line longer than {0,number,#} bytes",
                        MAX_LINE_LENGTH);
                    reply(client, "Error: line longer than " + MAX_LINE_LENGTH + " bytes\n");
                    return;
                }
            }
            // A last line without a newline is still a command, as it was for a line reader.
            in.put((byte)'\n');
            answerLines(client, in);
        }
        catch (final IOException ex)
        {
            LOG.log(Level.DEBUG, "admin connection ended: " + ex.getMessage());
        }
    }

    /**
     * Answers every complete line of {@code in} and keeps the incomplete rest at its start.
     */
    private void answerLines(final SocketChannel client, final ByteBuffer in) throws IOException
    {
        final int end = in.position();
        int lineStart = 0;
        for (int i = 0; i < end; i++)
        {
            if ('\n' == in.get(i))
            {
                final String line = new String(in.array(), lineStart, i - lineStart, StandardCharsets.UTF_8).strip();
                lineStart = i + 1;
                if (!line.isEmpty())
                {
                    reply(client, answer(line));
                }
            }
        }
        in.flip().position(lineStart);
        in.compact();
    }

    private static void reply(final SocketChannel client, final String text) throws IOException
    {
        final ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining())
        {
            client.write(out);
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
