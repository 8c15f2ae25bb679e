package org.swarmjvm.cli;

import picocli.CommandLine.Option;

/**
 * {@code --hex} of the commands that print one value.
 */
public final class HexOption implements HexOutput
{
    @Option(names = "--hex", description = "print the value as hex digits")
    boolean hex;

    @Override
    public boolean hex()
    {
        return hex;
    }
}
