package org.swarmjvm.queue.node;

import org.swarmjvm.node.testing.process.NodeProcess;

import java.nio.file.Path;

/**
 * Starts the queue node in its own JVM, as {@code queue-node -c config.ini} would, with a config written for it in
 * a work folder: a fresh free port per start, the data in {@code work/data}.
 */
final class QueueNodeProcess
{
    private QueueNodeProcess()
    {
    }

    /**
     * @param work        folder for the config, the node's log and the data.
     * @param neoPort     the node's {@code neoport}, 0 for none.
     * @param configLines further config lines after the {@code [Server]} section's first, e.g. its
     *                    {@code credentials_path} or a section of lease settings.
     * @return the running node.
     */
    static NodeProcess start(final Path work, final int neoPort, final String... configLines)
    {
        return NodeProcess.startWithConfig(QueueNodeMain.class.getName(), work,
            port -> config(work, port, neoPort, configLines));
    }

    /**
     * @param work        folder for the data.
     * @param port        the node's legacy port.
     * @param neoPort     the node's {@code neoport}, 0 for none.
     * @param configLines further config lines, as for {@link #start}.
     * @return the config of a node on 127.0.0.1 holding up to a million bytes per channel in memory.
     */
    static String config(final Path work, final int port, final int neoPort, final String... configLines)
    {
        return String.join("\n",
            "[Server]",
            "address = 127.0.0.1",
            "port = " + port,
            "neoport = " + neoPort,
            "channel_size_limit = 1000000",
            "data_dir = " + work.resolve("data"),
            String.join("\n", configLines),
            "");
    }
}
