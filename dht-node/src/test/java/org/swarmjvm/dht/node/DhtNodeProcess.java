package org.swarmjvm.dht.node;

import org.swarmjvm.node.testing.process.NodeProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts the DHT node in its own JVM, as {@code dht-node -c config.ini} would, with a config written for it: the
 * full range, a fresh free port per start, the given data directory.
 */
final class DhtNodeProcess
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private DhtNodeProcess()
    {
    }

    /**
     * @param work            folder for the config, the stats and the node's log.
     * @param dataDir         the node's {@code data_dir}.
     * @param connectionLimit the node's {@code connection_limit}.
     * @param extraFlags      further JVM flags.
     * @return the running node.
     */
    static NodeProcess start(final Path work, final Path dataDir, final int connectionLimit,
        final String... extraFlags)
    {
        final int port = NodeProcess.freePort();
        final Path config = work.resolve("config.ini");
        final String ini = String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "minval = 0x0000000000000000",
            "maxval = 0xffffffffffffffff",
            "data_dir = " + dataDir.toAbsolutePath(),
            "connection_limit = " + connectionLimit,
            "[Options_Memory]",
            "batch_size = 65536",
            "channel_capacity = 100000",
            "average_value_size = 128",
            "[STATS]",
            "file_name = " + work.resolve("stats.log").toAbsolutePath(),
            "interval_s = 3600",
            "");
        try
        {
            Files.writeString(config, ini);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return NodeProcess.start(DhtNodeMain.class.getName(), List.of("-c", config.toString()), port,
            work.resolve("node.log"), START_TIMEOUT, extraFlags);
    }
}
