package org.swarmjvm.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A config file in the original nodes' format (ocean's {@code ConfigParser}): {@code [Section]} headers,
 * {@code key = value} lines, comments starting with {@code ;}, {@code #} or {@code //}. Keys are looked up per
 * section; a value that is wrong is reported in one line naming the file, the line, the section, the key and the
 * value ({@code etc/config.ini:12: [Server] port = 7o00: must be a whole number}), so an operator can fix it.
 * <p>
 * The file remembers which keys were looked up: a key no getter asked for and no {@link #accept} call named is
 * one the program does not know, most likely a misspelt one, and {@link #load} warns about each.
 */
public final class IniFile
{
    private static final Logger LOG = System.getLogger(IniFile.class.getName());

    private final String source;
    private final Map<String, Map<String, Entry>> sections;
    private final Set<Entry> known = new HashSet<>();

    /** One {@code key = value} line. */
    private record Entry(String section, String key, String value, int line)
    {
    }

    private IniFile(final String source, final Map<String, Map<String, Entry>> sections)
    {
        this.source = source;
        this.sections = sections;
    }

    /**
     * Reads a program's config file, makes its settings with {@code fromIni}, and logs one WARNING line per key
     * that {@code fromIni} neither read nor accepted, naming the file, the line, the section and the key.
     *
     * @param file    to read.
     * @param fromIni reads every key the program knows, checking each value.
     * @param <T>     the program's settings.
     * @return what {@code fromIni} made.
     * @throws UncheckedIOException     when the file cannot be read.
     * @throws IllegalArgumentException naming the line, the key and the value when a line or a value is wrong.
     */
    public static <T> T load(final Path file, final Function<IniFile, T> fromIni)
    {
        final IniFile ini = read(file);
        final T settings = fromIni.apply(ini);
        for (final String unknown : ini.unknownKeys())
        {
            LOG.log(Level.WARNING, "{0}: unknown key, ignored", unknown);
        }
        return settings;
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
            // The messages of these exceptions are only the path, or a byte count.
            final String cause = ex instanceof NoSuchFileException ? "no such file" :
                ex instanceof AccessDeniedException ? "permission denied" :
                ex instanceof CharacterCodingException ? "not UTF-8 text" : ex.getMessage();
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
        final Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        Map<String, Entry> section = null;
        String sectionName = null;
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
                sectionName = line.substring(1, line.length() - 1).trim();
                section = sections.computeIfAbsent(sectionName, name -> new LinkedHashMap<>());
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals < 1 || null == section)
            {
                throw new IllegalArgumentException(source + ":" + number +
                    ": expected [Section] or key = value, got \"" + raw + "\"");
            }
            final String key = line.substring(0, equals).trim();
            section.put(key, new Entry(sectionName, key, line.substring(equals + 1).trim(), number));
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
        final Entry entry = entry(section, key);
        return null == entry ? null : entry.value();
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
     * @param parse        makes the setting of a value; throws an {@link IllegalArgumentException} saying what
     *                     the value must be when it is wrong.
     * @param <T>          the setting.
     * @return the parsed value or the default.
     * @throws IllegalArgumentException naming the line, the key and the value when {@code parse} refuses it.
     */
    public <T> T get(final String section, final String key, final T defaultValue,
        final Function<String, T> parse)
    {
        final String value = get(section, key);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            return parse.apply(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw invalid(section, key, ex.getMessage());
        }
    }

    /**
     * @param section name.
     * @param key     name.
     * @param parse   as for {@link #get(String, String, Object, Function)}.
     * @param <T>     the setting.
     * @return the parsed value.
     * @throws IllegalArgumentException when absent, or naming the line, the key and the value when {@code parse}
     *                                  refuses it.
     */
    public <T> T require(final String section, final String key, final Function<String, T> parse)
    {
        require(section, key);
        return get(section, key, null, parse);
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
        return getLong(section, key, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * @param section      name.
     * @param key          name.
     * @param defaultValue when absent.
     * @param min          smallest value accepted.
     * @param max          largest value accepted.
     * @return the value as a number.
     * @throws IllegalArgumentException naming the line, the key and the value when present but not a whole number
     *                                  from {@code min} to {@code max}.
     */
    public long getLong(final String section, final String key, final long defaultValue, final long min,
        final long max)
    {
        final long value = get(section, key, defaultValue, IniFile::parseLong);
        if (value < min || value > max)
        {
            throw invalid(section, key, Long.MAX_VALUE == max ? "must be at least " + min :
                "must be from " + min + " to " + max);
        }
        return value;
    }

    /**
     * @param section      name.
     * @param key          name.
     * @param defaultValue when absent.
     * @param min          smallest value accepted.
     * @param max          largest value accepted.
     * @return the value as a number.
     * @throws IllegalArgumentException naming the line, the key and the value when present but not a whole number
     *                                  from {@code min} to {@code max}.
     */
    public int getInt(final String section, final String key, final int defaultValue, final int min, final int max)
    {
        return (int)getLong(section, key, defaultValue, min, max);
    }

    /**
     * @param section      name.
     * @param key          name.
     * @param defaultValue when absent.
     * @return the value as a boolean ({@code true/false}, {@code yes/no}, {@code 1/0}, {@code on/off}).
     * @throws IllegalArgumentException naming the line, the key and the value when present but none of those.
     */
    public boolean getBoolean(final String section, final String key, final boolean defaultValue)
    {
        return get(section, key, defaultValue, IniFile::parseBoolean);
    }

    /**
     * Every key of a section whose keys are names the operator chooses (the queue node's
     * {@code [ChannelSizeById]}); all of them count as read.
     *
     * @param section name.
     * @return key to value, in the file's order; empty when the section is absent.
     */
    public Map<String, String> section(final String section)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final Entry entry : sections.getOrDefault(section, Map.of()).values())
        {
            known.add(entry);
            values.put(entry.key(), entry.value());
        }
        return values;
    }

    /**
     * Accepts keys the program knows without reading them (keys the original read that mean nothing here), so
     * that {@link #load} does not warn about them.
     *
     * @param section name.
     * @param keys    names.
     */
    public void accept(final String section, final String... keys)
    {
        for (final String key : keys)
        {
            entry(section, key);
        }
    }

    /**
     * Accepts every key of a section and of its subsections ({@code [LOG]} and {@code [LOG.Root]} for
     * {@code LOG}), which the original handed whole to a part of its framework this program does not have.
     *
     * @param section name.
     */
    public void acceptSections(final String section)
    {
        for (final String name : sections.keySet())
        {
            if (name.equals(section) || name.startsWith(section + "."))
            {
                section(name);
            }
        }
    }

    /**
     * The subsections of a section, named by the operator ({@code [Throttle.<client name>]}).
     *
     * @param section name.
     * @return what follows {@code <section>.} in each subsection's name, in the file's order.
     */
    public List<String> subsections(final String section)
    {
        final String prefix = section + ".";
        final List<String> names = new ArrayList<>();
        for (final String name : sections.keySet())
        {
            if (name.startsWith(prefix))
            {
                names.add(name.substring(prefix.length()));
            }
        }
        return names;
    }

    /**
     * An error about a key's value, for a check across keys or one no getter makes.
     *
     * @param section name.
     * @param key     name.
     * @param reason  what the value must be, e.g. {@code must be at least 1}.
     * @return {@code <file>:<line>: [<section>] <key> = <value>: <reason>}, or without line and value when the
     *         key is absent.
     */
    public IllegalArgumentException invalid(final String section, final String key, final String reason)
    {
        final Entry entry = entry(section, key);
        return new IllegalArgumentException(null == entry ? source + ": [" + section + "] " + key + ": " + reason :
            source + ":" + entry.line() + ": [" + section + "] " + key + " = " + entry.value() + ": " + reason);
    }

    /**
     * @return {@code <file>:<line>: [<section>] <key>} of every key neither read nor accepted so far, in the
     *         file's order.
     */
    public List<String> unknownKeys()
    {
        final List<Entry> unknown = new ArrayList<>();
        for (final Map<String, Entry> section : sections.values())
        {
            for (final Entry entry : section.values())
            {
                if (!known.contains(entry))
                {
                    unknown.add(entry);
                }
            }
        }
        unknown.sort(Comparator.comparingInt(Entry::line));
        final List<String> names = new ArrayList<>(unknown.size());
        for (final Entry entry : unknown)
        {
            names.add(source + ":" + entry.line() + ": [" + entry.section() + "] " + entry.key());
        }
        return names;
    }

    /**
     * @return the file name, for messages.
     */
    public String source()
    {
        return source;
    }

    private Entry entry(final String section, final String key)
    {
        final Map<String, Entry> values = sections.get(section);
        final Entry entry = null == values ? null : values.get(key);
        if (null != entry)
        {
            known.add(entry);
        }
        return entry;
    }

    private static long parseLong(final String value)
    {
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("must be a whole number", ex);
        }
    }

    private static boolean parseBoolean(final String value)
    {
        switch (value.toLowerCase(Locale.ROOT))
        {
            case "true": case "yes": case "1": case "on":
                return true;
            case "false": case "no": case "0": case "off":
                return false;
            default:
                throw new IllegalArgumentException("must be true or false");
        }
    }
}
