package org.swarmjvm.queue.node;

import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts the queue node in its own JVM, as {@code queue-node -c config.ini} would, with a config written for it in
 * a work folder: a fresh free port per start, the data in {@code work/data}. A node serving neo
 * ({@link #startServingNeo}) has the test credentials ({@code test}: zero key) and starts again on the same ports
 * and data folder after a kill.
 */
public final class QueueNodeProcess
{
    /** Ring bytes per channel of a legacy node: some 50,000 small records spill to the disk overflow. */
    private static final long LEGACY_RING_BYTES = 1_000_000;
    /** Ring bytes per channel of a neo node: the leased-delivery tests' jobs stay in the ring. */
    private static final long NEO_RING_BYTES = 10_000_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path work;
    private final int neoPort;
    private NodeProcess process;

    private QueueNodeProcess(final Path work, final int neoPort, final NodeProcess process)
    {
        this.work = work;
        this.neoPort = neoPort;
        this.process = process;
    }

    /**
     * @param work        folder for the config, the node's log and the data.
     * @param configLines further config lines after the {@code [Server]} section's first, e.g. a section of
     *                    stats settings.
     * @return the running node, serving the legacy protocol only.
     */
    static NodeProcess start(final Path work, final String... configLines)
    {
        return NodeProcess.startWithConfig(QueueNodeMain.class.getName(), work,
            port -> config(work, port, configLines));
    }

    /**
     * @param work        folder for the data.
     * @param port        the node's legacy port.
     * @param configLines further config lines, as for {@link #start}.
     * @return the config of a legacy node on 127.0.0.1 holding up to a million bytes per channel in memory.
     */
    static String config(final Path work, final int port, final String... configLines)
    {
        return config(work, port, 0, LEGACY_RING_BYTES, configLines);
    }

    /**
     * @param work        folder for the config, the log, the credentials, the stats and the data.
     * @param configLines further config lines after the {@code [STATS]} section's, e.g. a section of lease settings.
     * @return the running node, serving neo on a port of its own too.
     */
    public static QueueNodeProcess startServingNeo(final Path work, final String... configLines)
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
        final String neoLines = String.join("\n",
            "credentials_path = " + credentials.toAbsolutePath(),
            "[STATS]",
            "file_name = " + work.resolve("stats.log").toAbsolutePath(),
            "interval = 3600",
            String.join("\n", configLines));
        return new QueueNodeProcess(work, neoPort, NodeProcess.startWithConfig(QueueNodeMain.class.getName(), work,
            port -> config(work, port, neoPort, NEO_RING_BYTES, neoLines), NodeProcess.QUICK_START_FLAGS));
    }

    private static String config(final Path work, final int port, final int neoPort, final long ringBytes,
        final String... configLines)
    {
        return String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "neoport = " + neoPort,
            "channel_size_limit = " + ringBytes,
            "data_dir = " + work.resolve("data").toAbsolutePath(),
            String.join("\n", configLines),
            "");
    }

    /**
     * Starts the node again from the same config, on the same ports and data folder, once it is gone.
     */
    public void restart()
    {
        process = NodeProcess.start(QueueNodeMain.class.getName(),
            List.of("-c", work.resolve("config.ini").toString()), process.port(), work.resolve("node.log"),
            START_TIMEOUT, NodeProcess.QUICK_START_FLAGS);
    }

    /**
     * @return the process now running.
     */
    public NodeProcess process()
    {
        return process;
    }

    /**
     * @return the neo port.
     */
    public int neoPort()
    {
        return neoPort;
    }

    /**
     * @return a neo client authenticated as {@code test}.
     * @throws IOException when the node refuses.
     */
    public QueueNeoClient neoClient() throws IOException
    {
        return new QueueNeoClient(NeoClient.connect("127.0.0.1", neoPort, "test", NeoRawConnection.ZERO_KEY));
    }
}
