package org.swarmjvm.queue.node;

import org.swarmjvm.queue.node.config.QueueNodeContext;
import org.swarmjvm.support.config.IniFile;
import org.swarmjvm.support.launch.CheckConfigOption;
import org.swarmjvm.support.launch.NodeLogging;
import org.swarmjvm.support.launch.NodeRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code queue-node -c etc/config.ini}: runs a queue node until SIGINT or SIGTERM, then shuts it down and exits
 * with the status {@link NodeRunner} documents.
 */
@Command(name = "queue-node", mixinStandardHelpOptions = true, version = "queue-node 0.1.0",
    description = "Queue node speaking the legacy swarm queue (DMQ) protocol and, on its neoport, the neo protocol.")
public final class QueueNodeMain implements Callable<Integer>
{
    @Option(names = {"-c", "--config"}, required = true, description = "config.ini with the original dmqnode's keys")
    private Path config;

    @Mixin
    private CheckConfigOption checkConfig;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        NodeLogging.install();
        System.exit(NodeRunner.commandLine("queue-node", new QueueNodeMain()).execute(args));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Integer call()
    {
        final QueueNodeContext context = IniFile.load(config, ini -> QueueNodeContext.fromIni(ini).conclude());
        if (checkConfig.requested())
        {
            return checkConfig.reportValid(config);
        }
        return NodeRunner.run("queue-node", context.dataDirectory(), () ->
        {
            final QueueNode node = QueueNode.launch(context);
            System.getLogger(QueueNodeMain.class.getName()).log(System.Logger.Level.INFO,
                "queue node serving on port " + node.port());
            return node;
        });
    }
}
