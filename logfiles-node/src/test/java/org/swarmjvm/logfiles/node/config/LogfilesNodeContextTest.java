package org.swarmjvm.logfiles.node.config;

import org.junit.jupiter.api.Test;
import org.swarmjvm.node.NodeContext;
import org.swarmjvm.support.config.IniFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Config files in the original dlsnode's format.
 */
class LogfilesNodeContextTest
{
    @Test
    void shouldReadTheExampleConfig()
    {
        final LogfilesNodeContext context =
            LogfilesNodeContext.fromIni(IniFile.read(Path.of("../etc/logfiles.config.ini"))).conclude();
        assertEquals("0.0.0.0", context.node().address());
        assertEquals(10000, context.node().port());
        assertEquals(Path.of("data"), context.dataDir());
        assertEquals(Duration.ofMillis(250), context.writeFlush());
        assertEquals(Duration.ofSeconds(300), context.checkpointCommit());
        assertEquals(65536, context.storage().writeBufferSize());
        assertEquals(65536, context.storage().readBufferSize());
    }

    @Test
    void shouldReadTheOriginalsTestConfigIncludingItsMisplacedBufferSize()
    {
        final LogfilesNodeContext context = LogfilesNodeContext.fromIni(IniFile.parse("upstream", List.of(
            "[Server]", "address = 0.0.0.0", "port = 10000", "neoport = 10001", "data_dir = data",
            "unix_socket_path = dlsnode.socket",
            "[Performance]", "file_buffer_size = 20", "checkpoint_commit_seconds = 1",
            "[Options_LogFiles]", "write_buffer_size = 65535"))).conclude();
        assertEquals(20, context.storage().readBufferSize());
        assertEquals(65535, context.storage().writeBufferSize());
        assertEquals(Duration.ofSeconds(1), context.checkpointCommit());
        assertEquals(Duration.ofMillis(250), context.writeFlush());
    }

    @Test
    void shouldPreferOptionsDlsWhenBothSectionsAreThere()
    {
        final LogfilesNodeContext context = LogfilesNodeContext.fromIni(IniFile.parse("both", List.of(
            "[Server]", "address = 127.0.0.1", "port = 0",
            "[Options_LogFiles]", "write_buffer_size = 65535",
            "[Options_Dls]", "write_buffer_size = 4096")));
        assertEquals(4096, context.storage().writeBufferSize());
    }

    @Test
    void shouldServeMetricsOnTheConfiguredPortOnly()
    {
        assertEquals(NodeContext.METRICS_OFF, LogfilesNodeContext.fromIni(IniFile.parse("off", List.of(
            "[Server]", "address = 127.0.0.1", "port = 10000"))).conclude().node().metricsPort());
        assertEquals(9111, LogfilesNodeContext.fromIni(IniFile.parse("on", List.of(
            "[Server]", "address = 127.0.0.1", "port = 10000", "[STATS]", "metrics_port = 9111")))
            .conclude().node().metricsPort());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () ->
            LogfilesNodeContext.fromIni(IniFile.parse("bad", List.of(
                "[Server]", "address = 127.0.0.1", "port = 10000", "[STATS]", "metrics_port = 70000"))));
        assertTrue(ex.getMessage().contains("metrics_port"), ex.getMessage());
    }

    @Test
    void shouldRefuseMissingOrBadSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> LogfilesNodeContext.fromIni(
            IniFile.parse("noport", List.of("[Server]", "address = 127.0.0.1"))));
        assertThrows(IllegalArgumentException.class, () -> LogfilesNodeContext.fromIni(
            IniFile.parse("noaddress", List.of("[Server]", "port = 1"))));
        assertThrows(IllegalArgumentException.class, () -> LogfilesNodeContext.fromIni(IniFile.parse("flush",
            List.of("[Server]", "address = 127.0.0.1", "port = 1", "[Performance]", "write_flush_ms = 0")))
            .conclude());
        assertThrows(IllegalArgumentException.class, () -> LogfilesNodeContext.fromIni(IniFile.parse("buffer",
            List.of("[Server]", "address = 127.0.0.1", "port = 1", "[Options_Dls]", "write_buffer_size = -1")))
            .conclude());
    }

    @Test
    void shouldReadTheListenKeys()
    {
        final LogfilesNodeContext context = LogfilesNodeContext.fromIni(IniFile.parse("test", List.of(
            "[Server]", "address = 127.0.0.1", "port = 10000", "neoport = 10001", "neo_address = 127.0.0.2",
            "legacy = false", "neo_handshake_timeout_ms = 1500"))).conclude();
        assertEquals("127.0.0.2", context.node().neoAddress());
        assertEquals("127.0.0.1", context.node().legacyAddress());
        assertFalse(context.node().legacyEnabled());
        assertEquals(Duration.ofMillis(1500), context.neo().handshakeTimeout());
    }
}
