package org.swarmjvm.queue.node;

import org.agrona.concurrent.ShutdownSignalBarrier;
import org.swarmjvm.node.NodeLogging;
import org.swarmjvm.queue.node.config.QueueNodeContext;
import org.swarmjvm.queue.node.storage.QueueStorageException;
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
            final System.Logger log = System.getLogger(QueueNodeMain.class.getName());
            final QueueNode node;
            try
            {
                node = QueueNode.launch(QueueNodeContext.read(config));
            }
            catch (final QueueStorageException ex)
            {
                // A file or folder the operator must fix: one line saying which and why, not a stack trace.
                log.log(System.Logger.Level.ERROR, "queue node cannot start: " + ex.getMessage());
                return 1;
            }
            log.log(System.Logger.Level.INFO, "queue node serving on port " + node.port());
            barrier.await();
            int status = 0;
            try
            {
                node.close();
            }
            catch (final RuntimeException ex)
            {
                // Records not written to their files: systemd must not count this stop as a success.
                log.log(System.Logger.Level.ERROR, "queue node stopped with an error: " + ex.getMessage());
                status = 1;
            }
            // The node is closed. The signal also started the JVM's shutdown, whose hook waits for this barrier
            // and would end the process with 128 + signal; the original exits 0 after a clean stop, so do that.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(status);
        }
        return 0;
    }
}
