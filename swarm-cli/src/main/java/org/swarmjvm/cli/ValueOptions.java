package org.swarmjvm.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The VALUE argument, after the arguments of the command that mixes it in (picocli's unanchored index "+"), and
 * how it is read: text (stored as UTF-8), hex digits with {@code --hex}, or a file's bytes with {@code --file}
 * ({@code -} for standard input). A mixin of every command that stores a value; no node kind stores empty values.
 */
public final class ValueOptions implements CheckedOptions
{
    @Parameters(index = "+", paramLabel = "VALUE",
        description = "the value: text (stored as UTF-8), hex digits with --hex, a file's path with --file")
    String text;

    @Option(names = "--hex", description = "VALUE is hex digits")
    boolean hex;

    @Option(names = "--file", description = "VALUE is the path of a file holding the value (- for stdin)")
    boolean file;

    private byte[] value;

    @Override
    public void check()
    {
        value = read();
        if (0 == value.length)
        {
            throw new CliException(ExitCode.USAGE, "no empty values: a value needs at least one byte");
        }
    }

    /**
     * @return the value's bytes, read by {@link #check()}.
     */
    public byte[] bytes()
    {
        return value;
    }

    private byte[] read()
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
