package org.swarmjvm.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.support.config.IniFile;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.swarmjvm.node.NeoTestEngine.request;

/**
 * Legacy, neo and metrics each bind an address of their own, and legacy can be off (issue 14, case 10). On Linux
 * all of 127.0.0.0/8 is loopback, so three addresses of one machine stand for an internal and an outside interface.
 */
@Timeout(60)
class ListenAddressTest
{
    @TempDir
    Path dir;

    @Test
    void shouldBindLegacyNeoAndMetricsToTheirOwnAddresses() throws Exception
    {
        final NodeContext context = new NodeContext().port(0).statsFile(null).metricsPort(0)
            .readListenKeys(IniFile.parse("config.ini", List.of("[Server]", "address = 127.0.0.1",
                "neo_address = 127.0.0.2", "metrics_address = 127.0.0.3")));
        try (NodeServer server = NodeServer.launch(context, new PingEngine(), neo(), new NeoTestEngine()))
        {
            assertTrue(accepts("127.0.0.1", server.port()));
            assertFalse(accepts("127.0.0.2", server.port()));
            assertNeoServed("127.0.0.2", server.neoPort());
            assertFalse(accepts("127.0.0.1", server.neoPort()));
            assertEquals(200, metricsStatus("127.0.0.3", server.metricsPort()));
            assertFalse(accepts("127.0.0.1", server.metricsPort()));
        }
    }

    @Test
    void shouldServeNeoOnlyWhenLegacyIsOff() throws Exception
    {
        final int legacyPort = NodeProcess.freePort();
        final NodeContext context = new NodeContext().port(legacyPort).statsFile(null)
            .readListenKeys(IniFile.parse("config.ini", List.of("[Server]", "address = 127.0.0.1",
                "legacy = false")));
        try (NodeServer server = NodeServer.launch(context, new PingEngine(), neo(), new NeoTestEngine()))
        {
            assertEquals(-1, server.port());
            assertFalse(accepts("127.0.0.1", legacyPort));
            assertNeoServed("127.0.0.1", server.neoPort());
        }
        assertThrows(IllegalArgumentException.class, () -> NodeServer.launch(context, new PingEngine()));
    }

    private NeoContext neo() throws IOException
    {
        return new NeoContext().port(0).credentialsFile(NeoTestEngine.writeCredentials(dir.resolve("credentials")));
    }

    private static void assertNeoServed(final String address, final int port) throws Exception
    {
        try (NeoClient client = NeoClient.connect(address, port, NeoTestEngine.CLIENT, NeoTestEngine.KEY))
        {
            assertEquals(1, request(client, NeoTestEngine.ANSWERED).get(30, TimeUnit.SECONDS));
        }
    }

    private static boolean accepts(final String address, final int port) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(address, port), 10_000);
            return true;
        }
        catch (final ConnectException ex)
        {
            return false;
        }
    }

    private static int metricsStatus(final String address, final int port) throws IOException
    {
        final HttpURLConnection http = (HttpURLConnection)URI.create(
            "http://" + address + ":" + port + "/metrics").toURL().openConnection();
        try
        {
            return http.getResponseCode();
        }
        finally
        {
            http.disconnect();
        }
    }
}
