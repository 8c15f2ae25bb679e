package org.swarmjvm.cli;

import picocli.CommandLine.Option;

/**
 * {@code --count N} of the commands that follow new records until stopped.
 */
public final class CountOption implements CheckedOptions
{
    @Option(names = "--count", paramLabel = "N", description = "stop after N records")
    long count = Long.MAX_VALUE;

    @Override
    public void check()
    {
        if (count < 1)
        {
            throw new CliException(ExitCode.USAGE, "--count must be at least 1, not " + count);
        }
    }

    /**
     * @param records printed so far.
     * @return whether the command should stop.
     */
    public boolean isReached(final long records)
    {
        return records >= count;
    }
}
