package org.swarmjvm.dht.node.config;

import org.junit.jupiter.api.Test;
import org.swarmjvm.dht.node.storage.ValueCompression;
import org.swarmjvm.node.NodeContext;
import org.swarmjvm.support.config.IniFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code [STATS] metrics_port} and {@code [Compression]} keys of config.ini, and the example config as shipped.
 */
class DhtNodeContextTest
{
    private static final List<String> SERVER = List.of(
        "[Server]", "address = 127.0.0.1", "port = 10000", "minval = 0x0000000000000000",
        "maxval = 0xffffffffffffffff");

    @Test
    void shouldServeNoMetricsWhenKeyIsAbsentOrZero()
    {
        assertEquals(NodeContext.METRICS_OFF, contextWith().node().metricsPort());
        assertEquals(NodeContext.METRICS_OFF, contextWith("[STATS]", "metrics_port = 0").node().metricsPort());
    }

    @Test
    void shouldServeMetricsOnThePortWhenKeyIsSet()
    {
        assertEquals(9110, contextWith("[STATS]", "metrics_port = 9110").node().metricsPort());
    }

    @Test
    void shouldRefuseThePortWhenOutOfRange()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> contextWith("[STATS]", "metrics_port = 70000"));
        assertTrue(ex.getMessage().contains("metrics_port"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> contextWith("[STATS]", "metrics_port = 10000").conclude(), "the legacy port itself");
    }

    @Test
    void shouldReadTheExampleConfigWhenShipped()
    {
        final Path example = Path.of("..", "etc", "config.ini");
        assertTrue(Files.exists(example), "tests run in the module folder, beside ../etc");
        final DhtNodeContext context = DhtNodeContext.fromIni(IniFile.read(example)).conclude();
        assertEquals(NodeContext.METRICS_OFF, context.node().metricsPort());
    }

    @Test
    void shouldReadTheListenKeysAndKeepTheNeoPortRuleWithLegacyOff()
    {
        final DhtNodeContext context = contextWith("neo_address = 127.0.0.2", "metrics_address = 127.0.0.3",
            "legacy = false", "neo_handshake_timeout_ms = 2000", "neo_unauthenticated_limit = 10").conclude();
        assertEquals("127.0.0.2", context.node().neoAddress());
        assertEquals("127.0.0.3", context.node().metricsAddress());
        assertEquals(context.node().address(), context.node().legacyAddress());
        assertFalse(context.node().legacyEnabled());
        assertEquals(context.node().port() + DhtNodeContext.NEO_PORT_OFFSET, context.neo().port());
        assertEquals(java.time.Duration.ofSeconds(2), context.neo().handshakeTimeout());
        assertEquals(10, context.neo().unauthenticatedLimit());
    }

    @Test
    void shouldCompressTheChannelsOfTheLongestMatchingPrefix()
    {
        final DhtNodeContext context = contextWith("[Compression]", "default = none",
            "lz4_prefix = json_, log_  events_", "none_prefix = json_raw_");
        assertEquals(ValueCompression.NONE, context.compression().compressionOf("other"));
        assertEquals(ValueCompression.LZ4, context.compression().compressionOf("json_clicks"));
        assertEquals(ValueCompression.LZ4, context.compression().compressionOf("log_a"));
        assertEquals(ValueCompression.LZ4, context.compression().compressionOf("events_b"));
        assertEquals(ValueCompression.NONE, context.compression().compressionOf("json_raw_clicks"));
        assertEquals(ValueCompression.LZ4,
            contextWith("[Compression]", "default = LZ4").compression().compressionOf("other"));
        assertEquals(ValueCompression.NONE, contextWith().compression().compressionOf("json_clicks"));
    }

    @Test
    void shouldRefuseAnUnknownCompressionAndWarnAboutUnknownKeys()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> contextWith("[Compression]", "default = zstd"));
        assertTrue(ex.getMessage().contains("[Compression] default = zstd: must be none or lz4"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> contextWith("[Compression]", "lz4_prefix = a_", "none_prefix = a_"), "one prefix twice");
        final List<String> lines = new ArrayList<>(SERVER);
        lines.addAll(List.of("[Compression]", "lz4_prefixes = json_"));
        final IniFile ini = IniFile.parse("test.ini", lines);
        DhtNodeContext.fromIni(ini);
        assertEquals(List.of("test.ini:7: [Compression] lz4_prefixes"), ini.unknownKeys());
    }

    private static DhtNodeContext contextWith(final String... lines)
    {
        final List<String> all = new ArrayList<>(SERVER);
        all.addAll(List.of(lines));
        return DhtNodeContext.fromIni(IniFile.parse("test.ini", all));
    }
}
