package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.support.config.IniFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DhtDumpContextTest
{
    @Test
    void shouldReadTheExampleConfigShippedInEtc()
    {
        final DhtDumpContext context =
            DhtDumpContext.fromIni(IniFile.read(Path.of("..", "etc", "dhtdump.config.ini"))).conclude();

        assertEquals(new NodeAddress("127.0.0.1", 10000), context.node());
        assertEquals(Path.of("data"), context.dataDir());
        assertEquals(Duration.ofHours(6), context.period());
        assertEquals(Duration.ofSeconds(60), context.minWait());
        assertEquals(Duration.ofSeconds(30), context.retryWait());
        assertEquals(1, context.keepGenerations());
        assertEquals(0, context.minFreeBytes());
        assertEquals(Duration.ZERO, context.timeout());
        assertEquals(Path.of("log/stats.log"), context.statsFile());
        assertFalse(context.oneshot());
        assertEquals(DhtDumpContext.Mode.PERIODIC, context.mode());
        assertEquals(10100, context.continuous().neoPort());
        assertEquals("dht-dump", context.continuous().authName());
        assertEquals(Path.of("etc/credentials"), context.continuous().credentialsFile());
        assertEquals(Duration.ofMillis(200), context.continuous().flushInterval());
        assertEquals(64L * 1024 * 1024, context.continuous().compactLogBytes());
        assertEquals(0, context.continuous().compactBytesPerSecond());
        assertEquals(Duration.ofSeconds(5), context.continuous().channelPoll());
    }

    @Test
    void shouldReadTheContinuousModesKeys()
    {
        final DhtDumpContext context = DhtDumpContext.fromIni(IniFile.parse("test.ini", List.of(
            "[Dht]", "address = 10.0.0.1", "port = 30010", "neo_port = 31000", "auth_name = dumper",
            "credentials_path = /etc/creds", "[Dump]", "mode = continuous", "log_flush_ms = 1000",
            "compact_log_kb = 16", "compact_max_mb_s = 20", "channel_poll_s = 2"))).conclude();

        assertEquals(DhtDumpContext.Mode.CONTINUOUS, context.mode());
        assertEquals(31000, context.continuous().neoPort());
        assertEquals("dumper", context.continuous().authName());
        assertEquals(Path.of("/etc/creds"), context.continuous().credentialsFile());
        assertEquals(Duration.ofSeconds(1), context.continuous().flushInterval());
        assertEquals(16 * 1024, context.continuous().compactLogBytes());
        assertEquals(20L * 1024 * 1024, context.continuous().compactBytesPerSecond());
        assertEquals(Duration.ofSeconds(2), context.continuous().channelPoll());
    }

    @Test
    void shouldRefuseAnUnknownModeAFlushOverASecondAndAOneShotContinuousRun()
    {
        final IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
            () -> DhtDumpContext.fromIni(IniFile.parse("test.ini", List.of(
                "[Dht]", "address = 127.0.0.1", "port = 1", "[Dump]", "mode = sometimes"))));
        final IllegalArgumentException flush = assertThrows(IllegalArgumentException.class,
            () -> DhtDumpContext.fromIni(IniFile.parse("test.ini", List.of(
                "[Dht]", "address = 127.0.0.1", "port = 1", "[Dump]", "log_flush_ms = 1001"))));
        final IllegalArgumentException oneshot = assertThrows(IllegalArgumentException.class,
            () -> new DhtDumpContext().address("127.0.0.1").port(1).mode(DhtDumpContext.Mode.CONTINUOUS)
                .oneshot(true).conclude());

        assertEquals("test.ini:5: [Dump] mode = sometimes: must be periodic or continuous", mode.getMessage());
        assertEquals("test.ini:5: [Dump] log_flush_ms = 1001: must be from 1 to 1000", flush.getMessage());
        assertEquals("invalid [Dump] mode with --oneshot: continuous", oneshot.getMessage());
    }

    @Test
    void shouldApplyTheOriginalsDefaultsWhenOnlyTheNodeIsGiven()
    {
        final DhtDumpContext context = DhtDumpContext.fromIni(IniFile.parse("test.ini", List.of(
            "[Dht]", "address = 10.0.0.1", "port = 30010"))).conclude();

        assertEquals(new NodeAddress("10.0.0.1", 30010), context.node());
        assertEquals(Path.of("data"), context.dataDir());
        assertEquals(Duration.ofSeconds(14_400), context.period());
        assertEquals(Duration.ofSeconds(60), context.minWait());
        assertEquals(Duration.ofSeconds(30), context.retryWait());
        assertEquals(Duration.ofSeconds(2), context.handshakeRetryWait());
        assertEquals(DhtDumpContext.DEFAULT_KEEP_GENERATIONS, context.keepGenerations());
        assertEquals(DhtDumpContext.DEFAULT_MAX_TRIES, context.maxTries());
    }

    @Test
    void shouldNameTheKeyWhenAValueIsOutOfRange()
    {
        final IllegalArgumentException missingPort = assertThrows(IllegalArgumentException.class,
            () -> DhtDumpContext.fromIni(IniFile.parse("test.ini", List.of("[Dht]", "address = 127.0.0.1"))));
        final IllegalArgumentException zeroPeriod = assertThrows(IllegalArgumentException.class,
            () -> DhtDumpContext.fromIni(IniFile.parse("test.ini", List.of(
                "[Dht]", "address = 127.0.0.1", "port = 1", "[Dump]", "period_s = 0"))).conclude());
        final IllegalArgumentException hugeReserve = assertThrows(IllegalArgumentException.class,
            () -> DhtDumpContext.fromIni(IniFile.parse("test.ini", List.of(
                "[Dht]", "address = 127.0.0.1", "port = 1", "[Dump]", "min_free_mb = 9223372036854775807"))));
        final IllegalArgumentException noTries = assertThrows(IllegalArgumentException.class,
            () -> new DhtDumpContext().address("127.0.0.1").port(1).maxTries(0).conclude());

        assertEquals("test.ini: [Dht] port is required", missingPort.getMessage());
        assertEquals("test.ini:5: [Dump] period_s = 0: must be at least 1", zeroPeriod.getMessage());
        assertEquals("test.ini:5: [Dump] min_free_mb = 9223372036854775807: must be from 0 to 8796093022207",
            hugeReserve.getMessage());
        assertEquals("invalid --max-tries: 0", noTries.getMessage());
    }
}
