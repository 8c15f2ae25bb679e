package org.swarmjvm.node.stats;

/**
 * Builds a page in the Prometheus text exposition format (version 0.0.4): per metric family one {@code # HELP} and
 * one {@code # TYPE} line, then its samples {@code name{label="value",...} number}. Engines add their own families
 * through {@link org.swarmjvm.node.NodeEngine#appendMetrics(PrometheusText)}.
 */
public final class PrometheusText
{
    /** The content type of the format, for the HTTP answer. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Metric family types of the format. */
    public enum Type
    {
        /** Only goes up (resets when the node restarts). */
        COUNTER("counter"),
        /** Goes up and down. */
        GAUGE("gauge"),
        /** Quantiles, with {@code _sum} and {@code _count}. */
        SUMMARY("summary");

        private final String label;

        Type(final String label)
        {
            this.label = label;
        }
    }

    private final StringBuilder text = new StringBuilder(16 * 1024);

    /**
     * Starts a metric family.
     *
     * @param name of the family, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}.
     * @param type of the family.
     * @param help one line saying what it measures.
     * @return this page.
     */
    public PrometheusText family(final String name, final Type type, final String help)
    {
        text.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++)
        {
            final char c = help.charAt(i);
            if ('\\' == c)
            {
                text.append("\\\\");
            }
            else if ('\n' == c)
            {
                text.append("\\n");
            }
            else
            {
                text.append(c);
            }
        }
        text.append('\n').append("# TYPE ").append(name).append(' ').append(type.label).append('\n');
        return this;
    }

    /**
     * @param name  of the sample.
     * @param value of the sample.
     * @return this page.
     */
    public PrometheusText sample(final String name, final double value)
    {
        text.append(name);
        return value(value);
    }

    /**
     * @param name       of the sample.
     * @param label      name of the one label.
     * @param labelValue its value.
     * @param value      of the sample.
     * @return this page.
     */
    public PrometheusText sample(final String name, final String label, final String labelValue, final double value)
    {
        text.append(name).append('{');
        label(label, labelValue);
        text.append('}');
        return value(value);
    }

    /**
     * @param name        of the sample.
     * @param label       name of the first label.
     * @param labelValue  its value.
     * @param label2      name of the second label.
     * @param label2Value its value.
     * @param value       of the sample.
     * @return this page.
     */
    public PrometheusText sample(
        final String name,
        final String label,
        final String labelValue,
        final String label2,
        final String label2Value,
        final double value)
    {
        text.append(name).append('{');
        label(label, labelValue);
        text.append(',');
        label(label2, label2Value);
        text.append('}');
        return value(value);
    }

    private void label(final String name, final String value)
    {
        text.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if ('\\' == c || '"' == c)
            {
                text.append('\\').append(c);
            }
            else if ('\n' == c)
            {
                text.append("\\n");
            }
            else
            {
                text.append(c);
            }
        }
        text.append('"');
    }

    private PrometheusText value(final double value)
    {
        text.append(' ');
        if (Double.isNaN(value))
        {
            text.append("NaN");
        }
        else if (Double.isInfinite(value))
        {
            text.append(value > 0 ? "+Inf" : "-Inf");
        }
        else if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            text.append((long)value);
        }
        else
        {
            text.append(value);
        }
        text.append('\n');
        return this;
    }

    @Override
    public String toString()
    {
        return text.toString();
    }
}
