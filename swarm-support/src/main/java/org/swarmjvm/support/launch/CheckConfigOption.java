package org.swarmjvm.support.launch;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * The {@code --check-config} option of every node and of dht-dump, a picocli mixin: the program reads its config
 * as it would to start ({@link org.swarmjvm.support.config.IniFile#load}, which warns about unknown keys), checks every
 * value, and exits instead of starting, so that an operator or a unit's {@code ExecStartPre} can try a config
 * before a restart.
 */
public final class CheckConfigOption
{
    @Option(names = "--check-config", description = {
        "Check the config file, then exit: 0 when it is valid, " + NodeRunner.EXIT_START_FAILED + " with one line " +
            "naming the file, line, key and value that is wrong.",
        "A key the program does not know (a misspelt one) is not an error: here and at every start it gets one " +
            "WARNING line naming the file, line, section and key."})
    private boolean requested;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec program;

    /**
     * @return true when the command line asks only for the check.
     */
    public boolean requested()
    {
        return requested;
    }

    /**
     * Tells on standard output that the config is valid.
     *
     * @param config the file checked.
     * @return the exit status of a valid config, 0.
     */
    public int reportValid(final Path config)
    {
        program.commandLine().getOut().println(program.name() + ": " + config + " is valid");
        program.commandLine().getOut().flush();
        return NodeRunner.EXIT_STOPPED;
    }
}
