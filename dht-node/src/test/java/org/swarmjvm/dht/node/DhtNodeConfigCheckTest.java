package org.swarmjvm.dht.node;

import org.swarmjvm.node.testing.ConfigCheckSuite;

import java.nio.file.Path;
import java.util.List;

/**
 * The DHT node's config checks ({@link ConfigCheckSuite}): a misspelt {@code chanel_capacity} is warned about,
 * and the values the node refuses, each in one line.
 */
class DhtNodeConfigCheckTest extends ConfigCheckSuite
{
    DhtNodeConfigCheckTest()
    {
        super("dht-node", DhtNodeMain::new, "config.ini");
    }

    @Override
    protected List<String> config(final Path folder, final int port)
    {
        return nodeConfig(folder, port, "[Server]", "minval = 0x0000000000000000", "maxval = 0xffffffffffffffff",
            "[Options_Memory]", "channel_capacity = 1000", "[STATS]", "interval_s = 3600");
    }

    @Override
    protected Broken misspelling()
    {
        return Broken.of("Options_Memory", "chanel_capacity = 2000",
            "[Options_Memory] chanel_capacity: unknown key, ignored");
    }

    @Override
    protected List<Broken> brokenValues()
    {
        return List.of(
            Broken.of("Server", "minval = 0x0", "[Server] minval = 0x0: a hash range bound is 16 hex digits with an " +
                "optional 0x, not \"0x0\""),
            new Broken(List.of("[Server]", "minval = 0x8000000000000000", "maxval = 0x0000000000000001"),
                "[Server] maxval = 0x0000000000000001: must not be below minval"),
            Broken.of("Options_Memory", "size_limit = -1", "[Options_Memory] size_limit = -1: must be at least 0"),
            Broken.of("Options_Memory", "channel_capacity = 0",
                "[Options_Memory] channel_capacity = 0: must be at least 1"),
            Broken.of("Options_Memory", "batch_size = 100",
                "[Options_Memory] batch_size = 100: must be from 1024 to 2147483647"),
            Broken.of("Options_Memory", "allow_out_of_range = maybe",
                "[Options_Memory] allow_out_of_range = maybe: must be load, ignore or fatal"),
            Broken.of("Server", "port = 10x00", "[Server] port = 10x00: must be a whole number"),
            Broken.of("Server", "port = 65500",
                "[Server] port = 65500: must be at most 65435 (the neo port is port + 100)"),
            Broken.of("Server", "connection_limit = 99999999999",
                "[Server] connection_limit = 99999999999: must be from 1 to 2147483647"),
            Broken.of("Server", "address = 127.0.0.256", "[Server] address = 127.0.0.256: must be an IPv4 address"),
            Broken.of("Server", "neo_address = localhost",
                "[Server] neo_address = localhost: must be an IPv4 address"),
            Broken.of("Server", "legacy = maybe", "[Server] legacy = maybe: must be true or false"),
            Broken.of("STATS", "metrics_port = 10000", "[STATS] metrics_port = 10000: must not be [Server] port"),
            Broken.of("STATS", "interval_s = 0", "[STATS] interval_s = 0: must be at least 1"),
            Broken.of("Throttle", "requests_per_second = -5",
                "[Throttle] requests_per_second = -5: must be at least 0"));
    }

    @Override
    protected List<String> originalsKeys()
    {
        return List.of(
            "[Server]", "neoport = 10100", "unix_socket_path = dhtnode.socket",
            "[Performance]", "write_flush_ms = 1", "no_delay = true", "redist_memory_limit_mulitplier = 1.1",
            "[Options_Memory]", "disable_direct_io = true", "lock_memory = false", "bnum = 0",
            "allow_out_of_range = load", "batch_size = 65535",
            "[PidLock]", "path = etc/pid.lock",
            "[VERSION]", "default_version_log = false",
            "[LOG]", "file_count = 10", "max_file_size = 10000000",
            "[LOG.Root]", "console = false", "file = log/root.log", "level = trace", "propagate = true",
            "[LOG.ocean.util.Main.version]", "file = log/version.log", "level = info");
    }
}
