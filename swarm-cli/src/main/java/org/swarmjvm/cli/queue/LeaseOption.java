package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.CheckedOptions;
import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --lease DURATION} of the commands that take records under a lease: a number and a unit, {@code ms},
 * {@code s}, {@code m} or {@code h}, within the node's 1 ms to 1 day.
 */
final class LeaseOption implements CheckedOptions
{
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "30s",
        description = "how long the node keeps a taken record from others: 500ms, 30s, 5m, 2h " +
            "(default ${DEFAULT-VALUE}, at most 24h)")
    String text;

    private Duration lease;

    @Override
    public void check()
    {
        final Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches())
        {
            throw new CliException(ExitCode.USAGE, "--lease " + text + ": give a number and a unit, ms, s, m or h");
        }
        final long amount = Long.parseLong(matcher.group(1));
        lease = switch (matcher.group(2))
        {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (lease.toMillis() < QueueNeoRequest.LEASE_MIN_MILLIS || lease.toMillis() > QueueNeoRequest.LEASE_MAX_MILLIS)
        {
            throw new CliException(ExitCode.USAGE, "--lease " + text + " is not within 1ms to 24h");
        }
    }

    /**
     * @return the lease, once checked.
     */
    Duration lease()
    {
        return lease;
    }
}
