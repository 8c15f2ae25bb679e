package org.swarmjvm.logfiles.node.neo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.LogfilesNode;
import org.swarmjvm.logfiles.node.config.LogfilesNodeContext;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.support.config.IniFile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;

/**
 * The neo settings of a config file in the original's format: {@code neoport}, {@code credentials_path} and
 * {@code unix_socket_path}, from the file to a running listener.
 */
@Timeout(60)
class NeoConfigTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadTheNeoKeysOfTheExampleConfig()
    {
        final LogfilesNodeContext context =
            LogfilesNodeContext.fromIni(IniFile.read(Path.of("../etc/logfiles.config.ini"))).conclude();
        assertTrue(context.neoEnabled());
        assertEquals(10001, context.neo().port());
        assertEquals(Path.of("etc/credentials"), context.neo().credentialsFile());
        assertEquals(Path.of("logfiles.socket"), context.neo().unixSocketPath());
    }

    @Test
    void shouldServeNoNeoWithoutNeoport() throws IOException
    {
        final LogfilesNodeContext context = LogfilesNodeContext.fromIni(IniFile.parse("legacy only", List.of(
            "[Server]", "address = 127.0.0.1", "port = 0", "data_dir = " + dir.resolve("data"),
            "[STATS]", "file_name = " + dir.resolve("stats.log"))));
        assertFalse(context.neoEnabled());
        assertEquals(Path.of("etc/credentials"), context.neo().credentialsFile());
        try (LogfilesNode node = LogfilesNode.launch(context))
        {
            assertEquals(-1, node.neoPort());
        }
    }

    @Test
    void shouldRefuseNeoUntilTheCredentialsFileIsLoadedThroughTheAdminSocket() throws IOException
    {
        final Path credentials = dir.resolve("credentials");
        final Path socket = dir.resolve("logfiles.socket");
        final LogfilesNodeContext context = LogfilesNodeContext.fromIni(IniFile.parse("neo", List.of(
            "[Server]", "address = 127.0.0.1", "port = 0", "neoport = 0", "data_dir = " + dir.resolve("data"),
            "credentials_path = " + credentials, "unix_socket_path = " + socket,
            "[STATS]", "file_name = " + dir.resolve("stats.log"))));
        try (LogfilesNode node = LogfilesNode.launch(context))
        {
            assertTrue(node.neoPort() > 0);
            try (NeoRawConnection refused = new NeoRawConnection(node.neoPort()))
            {
                refused.expectEof();
            }
            try (LogfilesClient legacy = new LogfilesClient(new InetSocketAddress("127.0.0.1", node.port())))
            {
                assertEquals(SwarmStatus.OK, legacy.put("lx", 1, new byte[] {'a'}));
            }
            assertEquals(credentials, NeoRawConnection.writeCredentials(dir));
            assertEquals("Credentials updated.\n", askAdmin(socket, "update-credentials"));
            try (NeoRawConnection neo = NeoTestNodes.connect(node))
            {
                neo.request(1, "01 01 " + array("lx") + " 0200000000000000 " + array("b")).answer(1, "fd")
                    .answer(1, "01");
            }
        }
    }

    private static String askAdmin(final Path socket, final String command) throws IOException
    {
        try (SocketChannel admin = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            admin.connect(UnixDomainSocketAddress.of(socket));
            admin.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            final ByteBuffer answer = ByteBuffer.allocate(256);
            while (answer.position() == 0 || answer.get(answer.position() - 1) != '\n')
            {
                if (admin.read(answer) < 0)
                {
                    break;
                }
            }
            return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
        }
    }
}
