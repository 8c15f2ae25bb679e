package org.swarmjvm.queue.node;

import org.swarmjvm.node.testing.ConfigCheckSuite;
import org.swarmjvm.queue.node.storage.ChannelSizes;

import java.nio.file.Path;
import java.util.List;

/**
 * The queue node's config checks ({@link ConfigCheckSuite}): a misspelt {@code size_limt} is warned about, and the
 * values the node refuses, each in one line.
 */
class QueueNodeConfigCheckTest extends ConfigCheckSuite
{
    private static final String RING_SIZES = "must be from " + ChannelSizes.MIN_CAPACITY + " to " +
        ChannelSizes.MAX_CAPACITY;

    QueueNodeConfigCheckTest()
    {
        super("queue-node", QueueNodeMain::new, "queue.config.ini");
    }

    @Override
    protected List<String> config(final Path folder, final int port)
    {
        return nodeConfig(folder, port, "[Server]", "channel_size_limit = 100000");
    }

    @Override
    protected Broken misspelling()
    {
        return Broken.of("Server", "size_limt = 0", "[Server] size_limt: unknown key, ignored");
    }

    @Override
    protected List<Broken> brokenValues()
    {
        return List.of(
            Broken.of("Server", "channel_size_limit = -5", "[Server] channel_size_limit = -5: " + RING_SIZES),
            Broken.of("ChannelSizeById", "admedia = 4e8", "[ChannelSizeById] admedia = 4e8: must be a whole number"),
            Broken.of("ChannelSizeById", "admedia = 3", "[ChannelSizeById] admedia = 3: " + RING_SIZES),
            Broken.of("Server", "address = 10.0.0", "[Server] address = 10.0.0: must be an IPv4 address"),
            Broken.of("Server", "neoport = 70000", "[Server] neoport = 70000: must be from 0 to 65535"),
            Broken.of("Server", "neo_handshake_timeout_ms = 0",
                "[Server] neo_handshake_timeout_ms = 0: must be at least 1"),
            Broken.of("Persistence", "crash_safe = perhaps",
                "[Persistence] crash_safe = perhaps: must be true or false"),
            Broken.of("STATS", "interval = 0", "[STATS] interval = 0: must be at least 1"),
            Broken.of("Throttle", "requests_per_second = -5",
                "[Throttle] requests_per_second = -5: must be at least 0"),
            Broken.of("Throttle.batch-loader", "bytes_per_second = 10MB",
                "[Throttle.batch-loader] bytes_per_second = 10MB: must be a whole number"));
    }

    @Override
    protected List<String> originalsKeys()
    {
        return List.of(
            "[Server]", "neoport = 10001", "cpu = -1", "size_limit = 0", "unix_socket_path = dmqnode.socket",
            "[ChannelSizeById]", "admedia = 40000",
            "[Performance]", "write_flush_ms = 250", "no_delay = false",
            "[Overflow]", "write_index_ms = 60000",
            "[Stats]", "console_stats_enabled = true",
            "[PidLock]", "path = dmqnode.pid",
            "[LOG.Root]", "level = trace", "propagate = true", "console = true", "file = log/root.log");
    }
}
