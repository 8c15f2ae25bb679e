package org.swarmjvm.dht.node;

import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.codec.HexKey;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a new hash range back into the {@code [Server]} section of the config file the node was started with,
 * as the original does after Redistribute, so the range survives a restart. Only the values of {@code minval}
 * and {@code maxval} change; the file is replaced atomically. Blocking: runs on the worker.
 */
final class RangeConfigWriter implements Consumer<HashRange>
{
    private static final Logger LOG = System.getLogger(RangeConfigWriter.class.getName());

    private final Path configFile;

    RangeConfigWriter(final Path configFile)
    {
        this.configFile = configFile;
    }

    @Override
    public void accept(final HashRange range)
    {
        try
        {
            final List<String> lines = new ArrayList<>();
            String section = "";
            for (final String line : Files.readAllLines(configFile, StandardCharsets.UTF_8))
            {
                final String trimmed = line.trim();
                if (trimmed.startsWith("[") && trimmed.endsWith("]"))
                {
                    section = trimmed.substring(1, trimmed.length() - 1).trim();
                }
                lines.add("Server".equals(section) ? withBound(line, range) : line);
            }
            final Path temp = configFile.resolveSibling(configFile.getFileName() + ".new");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, configFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(Level.INFO, "range {0} written to {1}", range, configFile);
        }
        catch (final IOException ex)
        {
            LOG.log(Level.ERROR, "cannot write the new range " + range + " to " + configFile +
                ": set minval and maxval there by hand before the next start", ex);
        }
    }

    private static String withBound(final String line, final HashRange range)
    {
        final int equals = line.indexOf('=');
        if (equals < 0)
        {
            return line;
        }
        final String key = line.substring(0, equals).trim();
        final String value = line.substring(equals + 1);
        final String padding = value.substring(0, value.length() - value.stripLeading().length());
        if ("minval".equals(key))
        {
            return line.substring(0, equals + 1) + padding + "0x" + HexKey.toString(range.min());
        }
        if ("maxval".equals(key))
        {
            return line.substring(0, equals + 1) + padding + "0x" + HexKey.toString(range.max());
        }
        return line;
    }
}
