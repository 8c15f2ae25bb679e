package org.swarmjvm.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.neo.UnixSocketAdmin;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.node.testing.process.NodeProcess;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin Unix socket (issue 14, case 9), in a node process started with umask 000: the socket is still 0600,
 * and a line without a newline closes the admin connection instead of growing the node's memory.
 */
@Timeout(120)
class AdminSocketTest
{
    private static final long OVERSIZED_LINE = 300L * 1024 * 1024;

    @TempDir
    Path dir;

    private Process node;

    @AfterEach
    void stop() throws Exception
    {
        if (null != node)
        {
            node.getOutputStream().close();
            if (!node.waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
            {
                node.destroyForcibly();
            }
        }
    }

    @Test
    void shouldCreateTheSocketOwnerOnlyWhateverTheUmaskAndBoundALine() throws Exception
    {
        final Path socket = dir.resolve("admin.socket");
        final Path credentials = NeoTestEngine.writeCredentials(dir.resolve("credentials"));
        final List<String> command = new ArrayList<>(List.of("sh", "-c", "umask 000 && exec \"$@\"", "sh"));
        command.addAll(NodeProcess.javaCommand(AdminSocketMain.class.getName(),
            List.of(socket.toString(), credentials.toString()), NodeProcess.QUICK_START_FLAGS));
        node = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("node.log").toFile()).start();
        // The line comes once the socket is in place and the private directory it was bound in is gone.
        final Path log = dir.resolve("node.log");
        Await.until("the node says the admin socket listens (log: " + log + ")",
            () -> Files.exists(log) && readString(log).contains("admin unix socket listening on"));
        assertEquals("0000", procStatus(node.pid(), "Umask:"), "the node's umask");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals(List.of("admin.socket", "credentials", "node.log"), list(dir));

        try (SocketChannel admin = connect(socket))
        {
            assertEquals("Registered credentials:\ntest\n", ask(admin, "list-credentials\n", 2));
        }
        final long rssBefore = rssKiB(node.pid());
        long sent = 0;
        try (SocketChannel admin = connect(socket))
        {
            final ByteBuffer chunk = ByteBuffer.wrap("a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII));
            while (sent < OVERSIZED_LINE)
            {
                try
                {
                    sent += admin.write(chunk.clear());
                }
                catch (final IOException ex)
                {
                    break;
                }
            }
            assertEquals("Error: line longer than " + UnixSocketAdmin.MAX_LINE_LENGTH + " bytes\n",
                readToEnd(admin));
        }
        final long rssAfter = rssKiB(node.pid());
        System.out.printf("admin socket: %d bytes of a line sent before the node closed the connection, node " +
            "RSS %d KiB before, %d KiB after%n", sent, rssBefore, rssAfter);
        assertTrue(sent < OVERSIZED_LINE, "the node read all of a 300 MiB line");
        assertTrue(rssAfter - rssBefore < 32 * 1024, "node RSS grew from " + rssBefore + " to " + rssAfter + " KiB");
        try (SocketChannel admin = connect(socket))
        {
            assertEquals("Registered credentials:\ntest\n", ask(admin, "list-credentials\n", 2));
        }
    }

    private static String readString(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static List<String> list(final Path dir) throws IOException
    {
        try (var files = Files.list(dir))
        {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static SocketChannel connect(final Path socket) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    private static String ask(final SocketChannel admin, final String line, final int answerLines) throws IOException
    {
        admin.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        final StringBuilder answer = new StringBuilder();
        final ByteBuffer one = ByteBuffer.allocate(1);
        int lines = 0;
        while (lines < answerLines && admin.read(one.clear()) > 0)
        {
            answer.append((char)one.get(0));
            lines += '\n' == one.get(0) ? 1 : 0;
        }
        return answer.toString();
    }

    private static String readToEnd(final SocketChannel admin) throws IOException
    {
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        try
        {
            while (admin.read(in) >= 0 && in.hasRemaining())
            {
                Thread.onSpinWait();
            }
        }
        catch (final IOException ex)
        {
            // A reset after the reply: what arrived before it is the answer.
        }
        return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
    }

    private static long rssKiB(final long pid) throws IOException
    {
        return Long.parseLong(procStatus(pid, "VmRSS:").replaceAll("[^0-9]", ""));
    }

    private static String procStatus(final long pid, final String field) throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
        {
            if (line.startsWith(field))
            {
                return line.substring(field.length()).strip();
            }
        }
        throw new IOException("no " + field + " for process " + pid);
    }
}
