package org.swarmjvm.logfiles.node;

import org.swarmjvm.logfiles.node.config.LogfilesNodeContext;
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
 * {@code logfiles-node -c etc/logfiles.config.ini}: runs a logfiles node until SIGTERM or SIGINT, then writes out
 * its buffers, syncs its buckets, removes the checkpoint and exits
 * with the status {@link NodeRunner} documents.
 */
@Command(name = "logfiles-node", mixinStandardHelpOptions = true, version = "logfiles-node 0.1.0",
    description = "On-disk log record node speaking the legacy swarm logfiles (DLS) protocol and, on neoport, the " +
        "neo protocol.")
public final class LogfilesNodeMain implements Callable<Integer>
{
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "config file in the original dlsnode's format, e.g. etc/logfiles.config.ini")
    private Path config;

    @Mixin
    private CheckConfigOption checkConfig;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        NodeLogging.install();
        System.exit(NodeRunner.commandLine("logfiles-node", new LogfilesNodeMain()).execute(args));
    }

    @Override
    public Integer call()
    {
        final LogfilesNodeContext context = IniFile.load(config, ini -> LogfilesNodeContext.fromIni(ini).conclude());
        if (checkConfig.requested())
        {
            return checkConfig.reportValid(config);
        }
        return NodeRunner.run("logfiles-node", context.dataDir(), () -> LogfilesNode.launch(context));
    }
}
