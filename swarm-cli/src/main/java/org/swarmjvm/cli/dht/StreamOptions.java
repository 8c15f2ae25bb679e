package org.swarmjvm.cli.dht;

import picocli.CommandLine.Option;

/**
 * Options of the commands that stream many records: values as hex, and the records/s display.
 */
final class StreamOptions
{
    @Option(names = "--hex", description = "print values as hex digits")
    boolean hex;

    @Option(names = "--progress", negatable = true,
        description = "show the count and records/s on stderr (default: when stderr is a terminal)")
    Boolean progress;
}
