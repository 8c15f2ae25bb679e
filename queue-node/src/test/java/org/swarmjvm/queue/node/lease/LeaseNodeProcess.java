package org.swarmjvm.queue.node.lease;

import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.queue.node.QueueNodeMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A queue node in its own process serving neo with the test credentials ({@code test}: zero key), started from a
 * config in a work folder and started again on the same ports and data folder after a kill.
 */
final class LeaseNodeProcess
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path work;
    private final int neoPort;
    private NodeProcess process;

    private LeaseNodeProcess(final Path work, final int neoPort, final NodeProcess process)
    {
        this.work = work;
        this.neoPort = neoPort;
        this.process = process;
    }

    /**
     * @param work        folder for the config, the log, the credentials and the data.
     * @param configLines further config lines after the {@code [Server]} section's, e.g. a section of lease settings.
     * @return the running node.
     */
    static LeaseNodeProcess start(final Path work, final String... configLines)
    {
        final Path credentials;
        try
        {
            credentials = NeoRawConnection.writeCredentials(work);
            Files.createDirectories(work.resolve("data"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final int neoPort = NodeProcess.freePort();
        final NodeProcess process = NodeProcess.startWithConfig(QueueNodeMain.class.getName(), work, port ->
            String.join("\n", "[Server]",
                "address = 127.0.0.1",
                "port = " + port,
                "neoport = " + neoPort,
                "channel_size_limit = 10000000",
                "credentials_path = " + credentials.toAbsolutePath(),
                "data_dir = " + work.resolve("data").toAbsolutePath(),
                "[STATS]",
                "file_name = " + work.resolve("stats.log").toAbsolutePath(),
                "interval = 3600",
                String.join("\n", configLines),
                ""), NodeProcess.QUICK_START_FLAGS);
        return new LeaseNodeProcess(work, neoPort, process);
    }

    /**
     * Starts the node again from the same config, on the same ports and data folder, once it is gone.
     */
    void restart()
    {
        process = NodeProcess.start(QueueNodeMain.class.getName(),
            List.of("-c", work.resolve("config.ini").toString()), process.port(), work.resolve("node.log"),
            START_TIMEOUT, NodeProcess.QUICK_START_FLAGS);
    }

    /**
     * @return the process now running.
     */
    NodeProcess process()
    {
        return process;
    }

    /**
     * @return the legacy port.
     */
    int port()
    {
        return process.port();
    }

    /**
     * @return the neo port.
     */
    int neoPort()
    {
        return neoPort;
    }

    /**
     * @return a neo client authenticated as {@code test}.
     * @throws IOException when the node refuses.
     */
    QueueNeoClient neoClient() throws IOException
    {
        return new QueueNeoClient(NeoClient.connect("127.0.0.1", neoPort, "test", NeoRawConnection.ZERO_KEY));
    }
}
