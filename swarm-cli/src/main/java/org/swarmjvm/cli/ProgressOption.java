package org.swarmjvm.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * {@code --progress} / {@code --no-progress} of the commands that stream many items: the count and rate on stderr.
 */
public class ProgressOption
{
    @Option(names = "--progress", negatable = true,
        description = "show the count and rate on stderr (default: when stderr is a terminal)")
    Boolean progress;

    /**
     * @param err  standard error.
     * @param what the things counted, such as "records".
     * @return the count and rate display, enabled as {@code --progress} says.
     */
    public Progress progress(final PrintWriter err, final String what)
    {
        return new Progress(err, Progress.enabled(progress), what);
    }

    /**
     * @param err           standard error.
     * @param what          the things counted, such as "records".
     * @param expectedCount of the things to transfer.
     * @param expectedBytes to transfer.
     * @return the display of a transfer of a known size, enabled as {@code --progress} says.
     */
    public Progress progress(final PrintWriter err, final String what, final long expectedCount,
        final long expectedBytes)
    {
        return new Progress(err, Progress.enabled(progress), what, expectedCount, expectedBytes);
    }
}
