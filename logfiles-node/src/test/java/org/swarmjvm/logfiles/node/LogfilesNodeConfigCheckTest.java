package org.swarmjvm.logfiles.node;

import org.swarmjvm.node.testing.ConfigCheckSuite;

import java.nio.file.Path;
import java.util.List;

/**
 * The logfiles node's config checks ({@link ConfigCheckSuite}): a misspelt {@code metrics_prot} is warned about,
 * and the values the node refuses, each in one line.
 */
class LogfilesNodeConfigCheckTest extends ConfigCheckSuite
{
    LogfilesNodeConfigCheckTest()
    {
        super("logfiles-node", LogfilesNodeMain::new, "logfiles.config.ini");
    }

    @Override
    protected List<String> config(final Path folder, final int port)
    {
        return nodeConfig(folder, port);
    }

    @Override
    protected Broken misspelling()
    {
        return Broken.of("STATS", "metrics_prot = 9100", "[STATS] metrics_prot: unknown key, ignored");
    }

    @Override
    protected List<Broken> brokenValues()
    {
        return List.of(
            Broken.of("Options_Dls", "write_buffer_size = -1",
                "[Options_Dls] write_buffer_size = -1: must be from 0 to 2147483647"),
            Broken.of("Performance", "write_flush_ms = soon", "[Performance] write_flush_ms = soon: must be a whole " +
                "number"),
            Broken.of("Performance", "checkpoint_commit_seconds = 0",
                "[Performance] checkpoint_commit_seconds = 0: must be at least 1"),
            Broken.of("Server", "address = ::1", "[Server] address = ::1: must be an IPv4 address"),
            Broken.of("Server", "backlog = 0", "[Server] backlog = 0: must be from 1 to 2147483647"),
            Broken.of("Server", "request_memory_limit = -1", "[Server] request_memory_limit = -1: must be at least 0"),
            Broken.of("STATS", "metrics_port = -2", "[STATS] metrics_port = -2: must be from 0 to 65535"),
            Broken.of("Throttle.loader", "bytes_per_second = 1e6",
                "[Throttle.loader] bytes_per_second = 1e6: must be a whole number"));
    }

    @Override
    protected List<String> originalsKeys()
    {
        return List.of(
            "[Server]", "neoport = 11001", "connection_limit = 5000", "unix_socket_path = dlsnode.socket", "cpu = 0",
            "[PidLock]", "path = /srv/dlsnode/dlsnode.pid",
            "[Performance]", "write_flush_ms = 250", "file_buffer_size = 20", "no_delay = true",
            "number_of_thread_workers = 20",
            "[Options_LogFiles]", "write_buffer_size = 65535",
            "[VERSION]", "default_version_log = false",
            "[LOG.Root]", "console = false", "file = log/root.log", "level = trace", "propagate = true");
    }
}
