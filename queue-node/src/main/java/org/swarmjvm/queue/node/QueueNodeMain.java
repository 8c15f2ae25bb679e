package org.swarmjvm.queue.node;

import org.agrona.concurrent.ShutdownSignalBarrier;
import org.swarmjvm.node.NodeLogging;
import org.swarmjvm.queue.node.config.QueueNodeContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code queue-node -c etc/config.ini}: runs a queue node until SIGINT or SIGTERM, then shuts it down cleanly.
 */
@Command(name = "queue-node", mixinStandardHelpOptions = true,
    description = "Queue node speaking the legacy swarm queue (DMQ) protocol and, on its neoport, the neo protocol.")
public final class QueueNodeMain implements Callable<Integer>
{
    @Option(names = {"-c", "--config"}, required = true, description = "config.ini with the original dmqnode's keys")
    private Path config;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        NodeLogging.install();
        System.exit(new CommandLine(new QueueNodeMain()).execute(args));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Integer call()
    {
        // The barrier is closed on every path: a node that fails to start must not leave the JVM's shutdown hook
        // waiting for it.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            try (QueueNode node = QueueNode.launch(QueueNodeContext.read(config)))
            {
                System.getLogger(QueueNodeMain.class.getName()).log(System.Logger.Level.INFO,
                    "queue node serving on port " + node.port());
                barrier.await();
            }
            // The node is closed and its files are written. The signal also started the JVM's shutdown, whose hook
            // waits for this barrier and would end the process with 128 + signal; the original exits 0, so do that.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }
        return 0;
    }
}
