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
