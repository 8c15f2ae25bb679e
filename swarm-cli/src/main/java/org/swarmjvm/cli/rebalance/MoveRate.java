package org.swarmjvm.cli.rebalance;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The throttle of a rebalance, {@code --max-rate}: records per second ({@code 50000/s}) or bytes per second with
 * a decimal unit ({@code 500KB/s}, {@code 20MB/s}, {@code 1GB/s}); {@link #UNLIMITED} when not given.
 *
 * @param recordsPerSecond at most, or 0.
 * @param bytesPerSecond   at most, or 0.
 */
public record MoveRate(long recordsPerSecond, long bytesPerSecond)
{
    /** No throttle. */
    public static final MoveRate UNLIMITED = new MoveRate(0, 0);

    private static final Pattern FORM = Pattern.compile("([0-9]+)\\s*(|KB|MB|GB)/S");

    /**
     * @param text such as {@code 50000/s} or {@code 20MB/s}.
     * @return the rate.
     * @throws IllegalArgumentException when the text is not such a rate, or is zero.
     */
    public static MoveRate parse(final String text)
    {
        final Matcher matcher = FORM.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!matcher.matches())
        {
            throw new IllegalArgumentException("--max-rate " + text + ": give records per second (50000/s) or " +
                "bytes per second (20MB/s, 500KB/s, 1GB/s)");
        }
        final long amount = Long.parseLong(matcher.group(1));
        if (0 == amount)
        {
            throw new IllegalArgumentException("--max-rate " + text + ": a rate is more than 0");
        }
        return switch (matcher.group(2))
        {
            case "" -> new MoveRate(amount, 0);
            case "KB" -> new MoveRate(0, Math.multiplyExact(amount, 1_000L));
            case "MB" -> new MoveRate(0, Math.multiplyExact(amount, 1_000_000L));
            default -> new MoveRate(0, Math.multiplyExact(amount, 1_000_000_000L));
        };
    }

    /**
     * @return true when there is no throttle.
     */
    public boolean isUnlimited()
    {
        return 0 == recordsPerSecond && 0 == bytesPerSecond;
    }

    /**
     * @param records moved so far.
     * @param bytes   moved so far.
     * @return the seconds the move may take at least at this rate (0 when unlimited).
     */
    public double seconds(final long records, final long bytes)
    {
        return Math.max(recordsPerSecond > 0 ? (double)records / recordsPerSecond : 0,
            bytesPerSecond > 0 ? (double)bytes / bytesPerSecond : 0);
    }

    /**
     * @param averageRecordBytes of the records to move.
     * @return records per second, or 0 when unlimited.
     */
    public long recordsPerSecond(final long averageRecordBytes)
    {
        if (recordsPerSecond > 0)
        {
            return recordsPerSecond;
        }
        return bytesPerSecond / Math.max(1, averageRecordBytes);
    }

    @Override
    public String toString()
    {
        if (recordsPerSecond > 0)
        {
            return recordsPerSecond + " records/s";
        }
        return isUnlimited() ? "unlimited" : bytesPerSecond / 1e6 + " MB/s";
    }
}
