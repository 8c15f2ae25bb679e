package org.swarmjvm.dht.node.neo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.neo.NeoRawConnection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.swarmjvm.protocol.neo.NeoRawConnection.ZERO_KEY;

/**
 * A node without credentials refuses neo and keeps serving legacy; the admin Unix socket reloads and lists the
 * credentials.
 */
class NeoCredentialsAdminTest
{
    @TempDir
    Path dir;

    /**
     * One admin socket connection: line in, answer lines out.
     */
    private static final class Admin implements AutoCloseable
    {
        private final SocketChannel channel;
        private final BufferedReader in;
        private final OutputStream out;

        Admin(final Path socket) throws IOException
        {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            out = Channels.newOutputStream(channel);
        }

        String ask(final String line, final int answerLines) throws IOException
        {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            final StringBuilder answer = new StringBuilder();
            for (int i = 0; i < answerLines; i++)
            {
                answer.append(in.readLine()).append('\n');
            }
            return answer.toString();
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }

    @Test
    void shouldRefuseNeoWithoutCredentialsAndServeLegacyUntilReloaded() throws IOException
    {
        final Path socket = dir.resolve("admin.socket");
        final Path credentials = dir.resolve("missing-credentials");
        try (DhtNode node = NeoTestSupport.launch(dir, HashRange.FULL, context ->
        {
            context.neo().credentialsFile(credentials).unixSocketPath(socket);
            return context;
        }))
        {
            try (NeoRawConnection raw = new NeoRawConnection(node.neoPort()))
            {
                raw.send("01").expectEof();
            }
            try (DhtClient legacy = DhtClient.connect(List.of(new NodeAddress("127.0.0.1", node.port()))))
            {
                legacy.put("legacy", 1, "v".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("v".getBytes(StandardCharsets.US_ASCII), legacy.get("legacy", 1));
            }
            try (Admin admin = new Admin(socket))
            {
                assertEquals("Registered credentials:\n", admin.ask("list-credentials", 1));
                assertEquals("Error updating credentials: ", admin.ask("update-credentials", 1).substring(0, 28));
                Files.writeString(credentials, "admin:" + "0".repeat(256) + "\n");
                assertEquals("Credentials updated.\n", admin.ask("  update-credentials  ", 1));
                assertEquals("Registered credentials:\nadmin\n", admin.ask("list-credentials", 2));
                assertEquals("Error: No command arguments expected\n", admin.ask("list-credentials now", 1));
                assertEquals("Command not found\n", admin.ask("reboot", 1));
                try (NeoRawConnection raw = new NeoRawConnection(node.neoPort()))
                {
                    raw.authenticate("admin", ZERO_KEY);
                    Files.writeString(credentials, "admin:" + "0".repeat(10) + "\n");
                    assertEquals("Error updating credentials: Invalid key length 10 (should be 256) in registry " +
                        "file  at line 1\n", admin.ask("update-credentials", 1));
                    raw.request(1, "06 00").answer(1, "fd").answer(1, "02 0600000000000000 6c6567616379")
                        .answer(1, "03");
                }
                try (NeoRawConnection raw = new NeoRawConnection(node.neoPort()))
                {
                    raw.authenticate("admin", ZERO_KEY);
                }
            }
        }
    }
}
