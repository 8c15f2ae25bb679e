package org.swarmjvm.dht.node;

import org.swarmjvm.dht.node.config.DhtNodeContext;
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
 * {@code dht-node -c etc/config.ini}: runs a DHT node until SIGTERM or SIGINT, then dumps its channels and exits
 * with 0, or with 1 when a channel could not be dumped ({@link NodeRunner}).
 */
@Command(name = "dht-node", mixinStandardHelpOptions = true, version = "dht-node 0.1.0",
    description = "In-memory key/value node speaking the legacy swarm DHT protocol.")
public final class DhtNodeMain implements Callable<Integer>
{
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "config file in the original dhtnode's format, e.g. etc/config.ini")
    private Path config;

    @Mixin
    private CheckConfigOption checkConfig;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        NodeLogging.install();
        // Chronicle's start-up banner and usage analytics have no place in an operator's log.
        System.setProperty("chronicle.announcer.disable", "true");
        System.setProperty("chronicle.analytics.disable", "true");
        System.exit(NodeRunner.commandLine("dht-node", new DhtNodeMain()).execute(args));
    }

    @Override
    public Integer call()
    {
        final DhtNodeContext context = IniFile.load(config, ini -> DhtNodeContext.fromIni(ini).conclude())
            .configFile(config);
        if (checkConfig.requested())
        {
            return checkConfig.reportValid(config);
        }
        return NodeRunner.run("dht-node", context.dataDir(), () -> DhtNode.launch(context));
    }
}
