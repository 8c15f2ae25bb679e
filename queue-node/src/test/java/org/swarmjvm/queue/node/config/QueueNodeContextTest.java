package org.swarmjvm.queue.node.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.NodeContext;
import org.swarmjvm.support.config.IniFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueNodeContextTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadTheNeoKeysWhenNeoportIsSet() throws IOException
    {
        final QueueNodeContext context = read(config(
            "neoport = 10001\ncredentials_path = auth/clients\nunix_socket_path = run/neo.socket\n")).conclude();
        assertTrue(context.neoEnabled());
        assertEquals(10001, context.neo().port());
        assertEquals(Path.of("auth/clients"), context.neo().credentialsFile());
        assertEquals(Path.of("run/neo.socket"), context.neo().unixSocketPath());
    }

    @Test
    void shouldDefaultToTheOriginalsCredentialsPath() throws IOException
    {
        final QueueNodeContext context = read(config("neoport = 0\n")).conclude();
        assertTrue(context.neoEnabled());
        assertEquals(Path.of("etc/credentials"), context.neo().credentialsFile());
        assertNull(context.neo().unixSocketPath());
    }

    @Test
    void shouldServeLegacyOnlyWithoutNeoport() throws IOException
    {
        assertFalse(read(config("")).conclude().neoEnabled());
    }

    @Test
    void shouldRefuseAnInvalidNeoport() throws IOException
    {
        final Path config = config("neoport = 70000\n");
        assertEquals(config + ":5: [Server] neoport = 70000: must be from 0 to 65535",
            assertThrows(IllegalArgumentException.class, () -> read(config)).getMessage());
    }

    @Test
    void shouldServeMetricsOnTheConfiguredPortOnly() throws IOException
    {
        assertEquals(NodeContext.METRICS_OFF, read(config("")).conclude().node()
            .metricsPort());
        assertEquals(9112, read(config("[STATS]\nmetrics_port = 9112\n")).conclude()
            .node().metricsPort());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> read(config("[STATS]\nmetrics_port = -2\n")));
        assertTrue(ex.getMessage().contains("metrics_port"), ex.getMessage());
    }

    @Test
    void shouldReadTheListenKeys() throws IOException
    {
        final QueueNodeContext context = read(config(
            "neoport = 10001\nlegacy_address = 127.0.0.1\nneo_address = 127.0.0.2\nlegacy = false\n")).conclude();
        final NodeContext node = context.node();
        assertEquals("127.0.0.2", node.neoAddress());
        assertEquals("127.0.0.1", node.metricsAddress());
        assertFalse(node.legacyEnabled());
    }

    private static QueueNodeContext read(final Path config)
    {
        return QueueNodeContext.fromIni(IniFile.read(config));
    }

    private Path config(final String neoLines) throws IOException
    {
        final Path file = dir.resolve("config.ini");
        Files.writeString(file, "[Server]\naddress = 127.0.0.1\nport = 10000\nchannel_size_limit = 1000\n" + neoLines);
        return file;
    }
}
