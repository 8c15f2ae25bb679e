package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.Keys;
import picocli.CommandLine.Option;

/**
 * How key arguments are read: 1 to 16 hex digits, or decimal Unix seconds with {@code --decimal}.
 */
final class KeyOptions
{
    @Option(names = "--decimal", description = "keys are decimal numbers (Unix seconds), not hex digits")
    boolean decimal;

    long parse(final String text)
    {
        return decimal ? Keys.parseDecimal(text) : Keys.parseHex(text, " (--decimal takes decimal Unix seconds)");
    }
}
