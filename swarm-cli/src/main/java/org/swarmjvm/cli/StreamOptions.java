package org.swarmjvm.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * Options of the commands that stream many records: values as hex, and the records/s display.
 */
public final class StreamOptions extends ProgressOption implements HexOutput
{
    @Option(names = "--hex", description = "print values as hex digits")
    boolean hex;

    @Override
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
        return progress(err, "records");
    }
}
