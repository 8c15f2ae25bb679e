package org.swarmjvm.dht.node;

import org.swarmjvm.node.testing.process.NodeProcess;

import java.nio.file.Path;

/**
 * Starts the DHT node in its own JVM, as {@code dht-node -c config.ini} would, with a config written for it: the
 * full range, a fresh free port per start, the given data directory.
 */
final class DhtNodeProcess
{
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
        return NodeProcess.startWithConfig(DhtNodeMain.class.getName(), work, port -> String.join("\n",
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
            ""), extraFlags);
    }
}
