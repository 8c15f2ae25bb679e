package org.swarmjvm.bench.load;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the load tool: {@code run} measures a DHT workload, {@code queue} a queue workload,
 * {@code logfiles} a logfiles workload, {@code fill} loads a DHT channel with PutBatch,
 * {@code tcm} writes a dump file for the load-time measurement, {@code startup} times a DHT node's start,
 * {@code report} turns a run's results into docs/PERFORMANCE.md.
 */
@Command(
    name = "swarm-load",
    mixinStandardHelpOptions = true,
    description = "Load generator for the DHT, queue and logfiles nodes, speaking the legacy protocols through the " +
        "project's clients.",
    subcommands = {RunCommand.class, QueueLoadCommand.class, LogfilesLoadCommand.class, FillCommand.class,
        TcmCommand.class, StartupCommand.class, ReportCommand.class, RedistributeCommand.class})
public final class LoadTool implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new LoadTool()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /**
     * Without a subcommand: prints the usage.
     */
    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "name a subcommand: run, queue, logfiles, fill, tcm, startup or report");
    }
}
