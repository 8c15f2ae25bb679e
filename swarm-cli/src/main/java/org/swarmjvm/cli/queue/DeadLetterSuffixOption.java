package org.swarmjvm.cli.queue;

import picocli.CommandLine.Option;

/**
 * {@code --suffix} of the commands that read a channel's dead-letter channel, which the node names after the
 * channel with its {@code [Leases] dead_letter_suffix}.
 */
final class DeadLetterSuffixOption
{
    /** The node's default {@code [Leases] dead_letter_suffix}. */
    static final String DEFAULT_SUFFIX = "-dead";

    @Option(names = "--suffix", paramLabel = "SUFFIX", defaultValue = DEFAULT_SUFFIX,
        description = "the node's [Leases] dead_letter_suffix (default ${DEFAULT-VALUE})")
    String suffix;

    /**
     * @param channel a channel's name.
     * @return the name of its dead-letter channel.
     */
    String deadLetterChannel(final String channel)
    {
        return channel + suffix;
    }
}
