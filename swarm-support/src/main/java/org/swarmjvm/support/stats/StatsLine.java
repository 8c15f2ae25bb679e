package org.swarmjvm.support.stats;

/**
 * One line of {@code stats.log} being built: space-separated {@code name:value} pairs, per-object values as
 * {@code category/id/name:value} (ocean's stats log layout).
 */
public final class StatsLine
{
    private final StringBuilder text = new StringBuilder(1024);

    /**
     * @param name  of the value.
     * @param value to print.
     * @return this line.
     */
    public StatsLine add(final String name, final long value)
    {
        if (text.length() > 0)
        {
            text.append(' ');
        }
        text.append(name).append(':').append(value);
        return this;
    }

    /**
     * A counter of the interval, printed only when it moved: the original printed every counter, zeros and all.
     *
     * @param name  of the value.
     * @param value to print unless 0.
     * @return this line.
     */
    public StatsLine addMoved(final String name, final long value)
    {
        return 0 == value ? this : add(name, value);
    }

    /**
     * @param category such as {@code channel} or {@code request}.
     * @param id       the object, such as a channel name.
     * @param name     of the value.
     * @param value    to print.
     * @return this line.
     */
    public StatsLine add(final String category, final String id, final String name, final long value)
    {
        return add(category + '/' + id + '/' + name, value);
    }

    /**
     * @param name  of the value.
     * @param value to print, as the original prints percentages and means.
     * @return this line.
     */
    public StatsLine add(final String name, final double value)
    {
        if (text.length() > 0)
        {
            text.append(' ');
        }
        text.append(name).append(':').append(value);
        return this;
    }

    @Override
    public String toString()
    {
        return text.toString();
    }
}
