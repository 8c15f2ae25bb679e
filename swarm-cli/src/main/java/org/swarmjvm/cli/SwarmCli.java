package org.swarmjvm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code swarm}: the command-line client of the nodes; one subcommand per kind of node.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true, version = "swarm 0.1.0",
    description = "Command-line client of the swarm nodes (legacy protocol).",
    subcommands = {DhtCommands.class})
public final class SwarmCli
{
    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new SwarmCli()).execute(args));
    }
}
