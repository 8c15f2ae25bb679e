package org.swarmjvm.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a VALUE argument is read: text (stored as UTF-8), hex digits with {@code --hex}, or a file's bytes with
 * {@code --file} ({@code -} for standard input). A mixin of every command that stores a value.
 */
public final class ValueOptions
{
    /** The description of a VALUE parameter read through these options. */
    public static final String VALUE_DESCRIPTION =
        "the value: text (stored as UTF-8), hex digits with --hex, a file's path with --file";

    @Option(names = "--hex", description = "VALUE is hex digits")
    boolean hex;

    @Option(names = "--file", description = "VALUE is the path of a file holding the value (- for stdin)")
    boolean file;

    /**
     * @param text         the VALUE argument.
     * @param emptyMessage what to say when the value is empty: no node kind stores empty values.
     * @return the value's bytes.
     * @throws CliException (usage) when both options are given, the hex is bad, the file unreadable or the value
     *                      empty.
     */
    public byte[] read(final String text, final String emptyMessage)
    {
        final byte[] value = read(text);
        if (0 == value.length)
        {
            throw new CliException(ExitCode.USAGE, emptyMessage);
        }
        return value;
    }

    private byte[] read(final String text)
    {
        if (hex && file)
        {
            throw new CliException(ExitCode.USAGE, "give either --hex or --file, not both");
        }
        if (hex)
        {
            return Hex.decode(text);
        }
        if (file)
        {
            try
            {
                return "-".equals(text) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(text));
            }
            catch (final IOException ex)
            {
                throw new CliException(ExitCode.USAGE, "cannot read value file " + text + ": " + ex, ex);
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
