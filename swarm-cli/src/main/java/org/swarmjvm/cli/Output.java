package org.swarmjvm.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * What a command prints on standard output: plain lines, or with {@code --json} one JSON object per line (JSON
 * Lines: one object for a single answer, one per item for lists and streams). Values print as UTF-8 text, or as
 * hex with {@code --hex}.
 */
public final class Output
{
    private final PrintWriter out;
    private final boolean json;
    private final boolean hexValues;
    private final StringBuilder line = new StringBuilder(256);
    private boolean firstField;

    /**
     * @param out       standard output.
     * @param json      whether to print JSON objects.
     * @param hexValues whether values print as hex.
     */
    public Output(final PrintWriter out, final boolean json, final boolean hexValues)
    {
        this.out = out;
        this.json = json;
        this.hexValues = hexValues;
    }

    /**
     * @return whether the output is JSON.
     */
    public boolean isJson()
    {
        return json;
    }

    /**
     * @param value a record's value.
     * @return its text as printed: UTF-8 text or hex digits.
     */
    public String value(final byte[] value)
    {
        return hexValues ? Hex.encode(value) : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Prints one plain line (ignored in JSON mode, where {@link #object()} is used instead).
     *
     * @param text the line.
     */
    public void plain(final String text)
    {
        if (!json)
        {
            out.println(text);
        }
    }

    /**
     * Starts a JSON object line; add fields, then {@link #end()}.
     *
     * @return this output.
     */
    public Output object()
    {
        line.setLength(0);
        line.append('{');
        firstField = true;
        return this;
    }

    /**
     * @param name  of the field.
     * @param value text value.
     * @return this output.
     */
    public Output field(final String name, final String value)
    {
        name(name);
        quote(value);
        return this;
    }

    /**
     * @param name  of the field.
     * @param value number value.
     * @return this output.
     */
    public Output field(final String name, final long value)
    {
        name(name);
        line.append(value);
        return this;
    }

    /**
     * @param name  of the field.
     * @param value boolean value.
     * @return this output.
     */
    public Output field(final String name, final boolean value)
    {
        name(name);
        line.append(value);
        return this;
    }

    /**
     * Prints the object started by {@link #object()} (in JSON mode only).
     */
    public void end()
    {
        if (json)
        {
            line.append('}');
            out.println(line);
        }
    }

    /**
     * Flushes what was printed.
     */
    public void flush()
    {
        out.flush();
    }

    private void name(final String name)
    {
        if (!firstField)
        {
            line.append(',');
        }
        firstField = false;
        quote(name);
        line.append(':');
    }

    private void quote(final String text)
    {
        line.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        line.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
