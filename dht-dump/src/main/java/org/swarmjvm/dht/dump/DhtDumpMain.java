package org.swarmjvm.dht.dump;

import org.swarmjvm.support.config.IniFile;
import org.swarmjvm.support.launch.CheckConfigOption;
import org.swarmjvm.support.launch.DataFolder;
import org.swarmjvm.support.launch.NodeLogging;
import org.swarmjvm.support.launch.NodeRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code dht-dump -c etc/dhtdump.config.ini [--oneshot [--max-tries N]]}: dumps a DHT node's channels every
 * period (or, with {@code [Dump] mode = continuous}, follows their changes) until SIGTERM or SIGINT, or, one-shot,
 * until one cycle succeeds (exit 0 and a summary line) or the tries run out (exit 1 and a one-line reason).
 * Periodic and continuous runs end with the statuses {@link NodeRunner} documents.
 */
@Command(name = "dht-dump", mixinStandardHelpOptions = true, version = "dht-dump 0.1.0",
    description = "Writes every channel of a DHT node to <data_dir>/<channel>.tcm, periodically, continuously or " +
        "once.")
public final class DhtDumpMain implements Callable<Integer>
{
    /** Names the lock file in the data folder, which the DHT node writes to as well under its own name. */
    public static final String PROGRAM = "dht-dump";
    /** Exit code of a one-shot run whose tries all failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code when the config cannot be read or holds a bad value, or the data folder cannot be used. */
    public static final int EXIT_BAD_CONFIG = 2;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "config file in the original dhtdump's format, e.g. etc/dhtdump.config.ini")
    private Path config;

    @Option(names = {"-o", "--oneshot"},
        description = "dump once (retrying failed cycles) and exit, instead of dumping every period")
    private boolean oneshot;

    @Option(names = "--max-tries", paramLabel = "N", defaultValue = "" + DhtDumpContext.DEFAULT_MAX_TRIES,
        description = "with --oneshot: failed handshakes and cycles tried before giving up (default: ${DEFAULT-VALUE})")
    private int maxTries;

    @Mixin
    private CheckConfigOption checkConfig;

    @Spec
    private CommandSpec spec;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        NodeLogging.install();
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the command line parser; a bad config is reported as one line and exit code
     *         {@value #EXIT_BAD_CONFIG}, not a stack trace.
     */
    public static CommandLine commandLine()
    {
        return NodeRunner.commandLine(PROGRAM, new DhtDumpMain());
    }

    @Override
    public Integer call() throws InterruptedException
    {
        final DhtDumpContext context = IniFile.load(config, ini -> DhtDumpContext.fromIni(ini).oneshot(oneshot)
            .maxTries(maxTries).conclude());
        if (checkConfig.requested())
        {
            return checkConfig.reportValid(config);
        }
        if (oneshot)
        {
            try (DataFolder ignored = DataFolder.claim(context.dataDir(), PROGRAM);
                DhtDump dump = DhtDump.launch(context))
            {
                spec.commandLine().getOut().println("dht-dump: " + dump.awaitOneshot().summary());
                spec.commandLine().getOut().flush();
                return 0;
            }
            catch (final DhtDump.OneshotFailedException ex)
            {
                // One line, whatever the underlying exception said.
                spec.commandLine().getErr().println("dht-dump: " + ex.getMessage().replaceAll("\\s*\\R\\s*", " "));
                spec.commandLine().getErr().flush();
                return EXIT_FAILED;
            }
        }
        return NodeRunner.run(PROGRAM, context.dataDir(), () -> DhtDump.launch(context));
    }
}
