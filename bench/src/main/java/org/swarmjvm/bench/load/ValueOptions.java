package org.swarmjvm.bench.load;

import picocli.CommandLine.Option;

/**
 * What the values a command puts are.
 */
final class ValueOptions
{
    @Option(names = "--values", description = "random or json: uniformly random bytes, or JSON-like text as " +
        "applications store (default: ${DEFAULT-VALUE})")
    private Records.Kind kind = Records.Kind.RANDOM;

    /**
     * @param valueSize bytes per value.
     * @param seed      of the values.
     * @return the values.
     */
    Records records(final int valueSize, final long seed)
    {
        return new Records(valueSize, seed, kind);
    }
}
