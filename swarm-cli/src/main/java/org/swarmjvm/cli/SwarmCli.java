package org.swarmjvm.cli;

import org.swarmjvm.cli.dht.DhtCommands;
import org.swarmjvm.cli.logs.LogsCommands;
import org.swarmjvm.cli.queue.QueueCommands;
import org.swarmjvm.protocol.dht.client.DhtClientException;
import org.swarmjvm.protocol.queue.client.QueueClientException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code swarm}: the command-line client of the nodes; one subcommand group per kind of node ({@code dht},
 * {@code queue}, {@code logs}), plus {@code generate-completion} for the shell. Exit codes: {@link ExitCode}.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true, version = "swarm 0.1.0",
    description = "Command-line client of the swarm nodes (legacy protocol).",
    subcommands = {DhtCommands.class, QueueCommands.class, LogsCommands.class, AutoComplete.GenerateCompletion.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done", "1:not found (dht get, dht exists), empty queue (queue pop)",
        "2:bad command line, key, channel or file",
        "3:node unreachable or connection broken", "4:node answered an error status",
        "5:wrong node (failed the DHT handshake)", "70:bug (stack trace printed)"})
public final class SwarmCli
{
    private SwarmCli()
    {
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        final PrintWriter out = new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        final PrintWriter err = new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        final int exitCode = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /**
     * Runs one command line, printing to the writers given.
     *
     * @param out  standard output.
     * @param err  standard error.
     * @param args command line.
     * @return the exit code.
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        return commandLine(out, err).execute(args);
    }

    /**
     * @param out standard output.
     * @param err standard error.
     * @return the command tree, with the error handlers that print one line and return an {@link ExitCode}.
     */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new SwarmCli());
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(SwarmCli::onParameterError);
        commandLine.setExecutionExceptionHandler(SwarmCli::onExecutionError);
        return commandLine;
    }

    private static int onParameterError(final ParameterException ex, final String[] args)
    {
        final CommandLine command = ex.getCommandLine();
        final PrintWriter err = command.getErr();
        err.println("swarm: " + ex.getMessage());
        err.println("try: " + command.getCommandSpec().qualifiedName() + " --help");
        return ExitCode.USAGE;
    }

    private static int onExecutionError(final Exception ex, final CommandLine command, final ParseResult parsed)
    {
        final PrintWriter err = command.getErr();
        command.getOut().flush();
        final CliException failure;
        if (ex instanceof CliException)
        {
            failure = (CliException)ex;
        }
        else if (ex instanceof DhtClientException)
        {
            failure = Failures.ofRequest((DhtClientException)ex);
        }
        else if (ex instanceof QueueClientException)
        {
            failure = Failures.ofQueue((QueueClientException)ex);
        }
        else if (ex instanceof IllegalArgumentException)
        {
            failure = new CliException(ExitCode.USAGE, ex.getMessage(), ex);
        }
        else
        {
            err.println("swarm: unexpected failure, please report:");
            ex.printStackTrace(err);
            return ExitCode.SOFTWARE;
        }
        err.println("swarm: " + failure.getMessage());
        return failure.exitCode();
    }
}
