package org.swarmjvm.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * Options of the commands that stream many records: values as hex, and the records/s display.
 */
public final class StreamOptions
{
    @Option(names = "--hex", description = "print values as hex digits")
    boolean hex;

    @Option(names = "--progress", negatable = true,
        description = "show the count and records/s on stderr (default: when stderr is a terminal)")
    Boolean progress;

    /**
     * @return whether values print as hex.
     */
    public boolean hex()
    {
        return hex;
    }

    /**
     * @param err standard error.
     * @return the records/s display, enabled as {@code --progress} says.
     */
    public Progress progress(final PrintWriter err)
    {
        return new Progress(err, Progress.enabled(progress), "records");
    }
}
