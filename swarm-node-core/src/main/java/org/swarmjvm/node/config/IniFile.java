package org.swarmjvm.node.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A config file in the original nodes' format (ocean's {@code ConfigParser}): {@code [Section]} headers,
 * {@code key = value} lines, comments starting with {@code ;}, {@code #} or {@code //}. Keys are looked up per
 * section; every getter names the file, section and key when a value is wrong, so an operator can fix it.
 */
public final class IniFile
{
    private final String source;
    private final Map<String, Map<String, String>> sections;

    private IniFile(final String source, final Map<String, Map<String, String>> sections)
    {
        this.source = source;
        this.sections = sections;
    }

    /**
     * Reads a file.
     *
     * @param file to read.
     * @return the parsed file.
     * @throws UncheckedIOException when the file cannot be read.
     * @throws IllegalArgumentException naming the line when a line is neither a section, a key nor a comment.
     */
    public static IniFile read(final Path file)
    {
        try
        {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            // These two exceptions' messages are only the path.
            final String cause = ex instanceof NoSuchFileException ? "no such file" :
                ex instanceof AccessDeniedException ? "permission denied" : ex.getMessage();
            throw new UncheckedIOException("cannot read config file " + file + ": " + cause, ex);
        }
    }

    /**
     * Parses lines.
     *
     * @param source name of the text, for messages.
     * @param lines  of the file.
     * @return the parsed file.
     */
    public static IniFile parse(final String source, final List<String> lines)
    {
        final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> section = null;
        int number = 0;
        for (final String raw : lines)
        {
            number++;
            final String line = raw.trim();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#") || line.startsWith("//"))
            {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]"))
            {
                section = sections.computeIfAbsent(line.substring(1, line.length() - 1).trim(),
                    name -> new LinkedHashMap<>());
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals < 1 || null == section)
            {
                throw new IllegalArgumentException(source + ":" + number + ": expected [Section] or key = value, got \"" +
                    raw + "\"");
            }
            section.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
        }
        return new IniFile(source, sections);
    }

    /**
     * @param section name.
     * @param key     name.
     * @return the value, or {@code null} when absent.
     */
    public String get(final String section, final String key)
    {
        final Map<String, String> values = sections.get(section);
        return null == values ? null : values.get(key);
    }

    /**
     * @param section name.
     * @param key     name.
     * @return the value.
     * @throws IllegalArgumentException when absent.
     */
    public String require(final String section, final String key)
    {
        final String value = get(section, key);
        if (null == value)
        {
            throw new IllegalArgumentException(source + ": [" + section + "] " + key + " is required");
        }
        return value;
    }

    /**
     * @param section      name.
     * @param key          name.
     * @param defaultValue when absent.
     * @return the value or the default.
     */
    public String get(final String section, final String key, final String defaultValue)
    {
        final String value = get(section, key);
        return null == value ? defaultValue : value;
    }

    /**
     * @param section      name.
     * @param key          name.
     * @param defaultValue when absent.
     * @return the value as a number.
     * @throws IllegalArgumentException when present but not a whole number.
     */
    public long getLong(final String section, final String key, final long defaultValue)
    {
        final String value = get(section, key);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                source + ": [" + section + "] " + key + " must be a whole number, not \"" + value + "\"", ex);
        }
    }

    /**
     * @param section      name.
     * @param key          name.
     * @param defaultValue when absent.
     * @return the value as a boolean ({@code true/false}, {@code yes/no}, {@code 1/0}, {@code on/off}).
     * @throws IllegalArgumentException when present but none of those.
     */
    public boolean getBoolean(final String section, final String key, final boolean defaultValue)
    {
        final String value = get(section, key);
        if (null == value)
        {
            return defaultValue;
        }
        switch (value.toLowerCase(Locale.ROOT))
        {
            case "true": case "yes": case "1": case "on":
                return true;
            case "false": case "no": case "0": case "off":
                return false;
            default:
                throw new IllegalArgumentException(
                    source + ": [" + section + "] " + key + " must be true or false, not \"" + value + "\"");
        }
    }

    /**
     * @return the file name, for messages.
     */
    public String source()
    {
        return source;
    }
}
