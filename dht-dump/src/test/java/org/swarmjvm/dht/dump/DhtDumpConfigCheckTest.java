package org.swarmjvm.dht.dump;

import org.junit.jupiter.api.AfterEach;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.node.testing.ConfigCheckSuite;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.dht.HashRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

import static org.swarmjvm.dht.dump.DumpTests.launchNode;

/**
 * dht-dump's config checks ({@link ConfigCheckSuite}): a misspelt {@code perod_s} is warned about, and the values
 * dht-dump refuses, each in one line. Started for real, it dumps a DHT node running in this JVM.
 */
class DhtDumpConfigCheckTest extends ConfigCheckSuite
{
    private DhtNode node;

    DhtDumpConfigCheckTest()
    {
        super(DhtDumpMain.PROGRAM, DhtDumpMain::new, "dhtdump.config.ini");
    }

    @AfterEach
    void closeNode()
    {
        if (null != node)
        {
            node.close();
        }
    }

    @Override
    protected List<String> config(final Path folder, final int port)
    {
        return List.of("[Dht]", "address = 127.0.0.1", "port = " + port, "[Dump]", "period_s = 3600",
            "data_dir = " + folder.resolve("dump").toAbsolutePath(), "[STATS]",
            "file_name = " + folder.resolve("stats.log").toAbsolutePath());
    }

    @Override
    protected Broken misspelling()
    {
        return Broken.of("Dump", "perod_s = 60", "[Dump] perod_s: unknown key, ignored");
    }

    @Override
    protected List<Broken> brokenValues()
    {
        return List.of(
            Broken.of("Dump", "min_free_mb = -1", "[Dump] min_free_mb = -1: must be from 0 to 8796093022207"),
            Broken.of("Dump", "keep_generations = 101", "[Dump] keep_generations = 101: must be from 0 to 100"),
            Broken.of("Dump", "period_s = 0", "[Dump] period_s = 0: must be at least 1"),
            Broken.of("Dump", "disable_direct_io = sometimes",
                "[Dump] disable_direct_io = sometimes: must be true or false"),
            Broken.of("Dht", "port = ten", "[Dht] port = ten: must be a whole number"),
            Broken.of("Dht", "port = 0", "[Dht] port = 0: must be from 1 to 65535"),
            Broken.of("Dht", "address = dht.example", "[Dht] address = dht.example: must be an IPv4 address"),
            Broken.of("Dht", "timeout_ms = -5", "[Dht] timeout_ms = -5: must be at least 0"));
    }

    @Override
    protected NodeProcess startServing(final Path folder, final IntFunction<String> config)
    {
        node = launchNode(folder.resolve("node"), HashRange.FULL);
        try
        {
            final Path file = Files.writeString(folder.resolve("config.ini"), config.apply(node.port()));
            final NodeProcess dump = NodeProcess.spawn(DhtDumpMain.class.getName(), List.of("-c", file.toString()),
                folder.resolve("dump.log"), NodeProcess.QUICK_START_FLAGS);
            dump.awaitLog("first dump cycle in", DumpTests.TIMEOUT);
            return dump;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    protected List<String> originalsKeys()
    {
        return List.of(
            "[Dump]", "min_wait_s = 60", "retry_wait_s = 30", "disable_direct_io = false",
            "[LOG.Root]", "level = trace", "propagate = true", "console = true", "file = log/root.log");
    }
}
