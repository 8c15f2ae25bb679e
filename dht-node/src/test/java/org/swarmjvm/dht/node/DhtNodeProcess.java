package org.swarmjvm.dht.node;

import org.swarmjvm.node.testing.process.NodeProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Starts the DHT node in its own JVM, as {@code dht-node -c config.ini} would, with a config written for it: the
 * full range, a fresh free port per start, the given data directory. dht-dump's tests write their node's config
 * with {@link #config(Path, Path, int, int, String...)}.
 */
public final class DhtNodeProcess
{
    /** {@code channel_capacity} of the nodes this class starts. */
    private static final int CHANNEL_CAPACITY = 100_000;

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
        return NodeProcess.startWithConfig(DhtNodeMain.class.getName(), work, config(work, dataDir, connectionLimit),
            extraFlags);
    }

    /**
     * Starts a node expected to refuse to start, without waiting for it: its config is written to
     * {@code work/config.ini} for a free port, its output goes to {@code work/node.log}.
     *
     * @param work    folder for the config, the stats and the node's log.
     * @param dataDir the node's {@code data_dir}.
     * @return the process.
     */
    static NodeProcess spawn(final Path work, final Path dataDir) throws IOException
    {
        final Path file = Files.writeString(work.resolve("config.ini"),
            config(work, dataDir, 100).apply(NodeProcess.freePort()));
        return NodeProcess.spawn(DhtNodeMain.class.getName(), List.of("-c", file.toString()), work.resolve("node.log"));
    }

    private static IntFunction<String> config(final Path work, final Path dataDir, final int connectionLimit)
    {
        return port -> config(work, dataDir, port, CHANNEL_CAPACITY, "connection_limit = " + connectionLimit);
    }

    /**
     * @param work            folder for the stats file.
     * @param dataDir         the node's {@code data_dir}.
     * @param port            the node's legacy port.
     * @param channelCapacity the node's {@code channel_capacity}.
     * @param serverLines     further lines of the {@code [Server]} section, e.g. {@code credentials_path = ...}.
     * @return the config of a node serving the full range on 127.0.0.1.
     */
    public static String config(final Path work, final Path dataDir, final int port, final int channelCapacity,
        final String... serverLines)
    {
        return String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "minval = 0x0000000000000000",
            "maxval = 0xffffffffffffffff",
            "data_dir = " + dataDir.toAbsolutePath(),
            String.join("\n", serverLines),
            "[Options_Memory]",
            "batch_size = 65536",
            "channel_capacity = " + channelCapacity,
            "average_value_size = 128",
            "[STATS]",
            "file_name = " + work.resolve("stats.log").toAbsolutePath(),
            "interval_s = 3600",
            "");
    }
}
