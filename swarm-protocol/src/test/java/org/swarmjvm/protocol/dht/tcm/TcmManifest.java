package org.swarmjvm.protocol.dht.tcm;

import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.fixtures.Fixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records of {@code files/dht/manifest.json}, read with a regular expression over each file's
 * {@code record_list} (pairs of a hex key and a base64 value): the manifest's shape is fixed, and a JSON library
 * for one test would be a dependency for nothing.
 */
public final class TcmManifest
{
    private static final Pattern RECORD =
        Pattern.compile("\\[\\s*\"([0-9a-fA-F]{16})\"\\s*,\\s*\"([A-Za-z0-9+/=]*)\"\\s*]");

    /**
     * One record.
     *
     * @param key   of the record.
     * @param value of the record.
     */
    public record Entry(long key, byte[] value)
    {
    }

    private TcmManifest()
    {
    }

    /**
     * @param fileName of a dump in files/dht, such as {@code three.tcm}.
     * @return its records in file order.
     * @throws IOException when the manifest cannot be read.
     */
    public static List<Entry> records(final String fileName) throws IOException
    {
        final String json = Files.readString(Fixtures.path("files/dht/manifest.json"), StandardCharsets.UTF_8);
        final int file = json.indexOf("\"file\": \"" + fileName + "\"");
        if (file < 0)
        {
            throw new IllegalStateException(fileName + " is not listed in the manifest");
        }
        final int start = json.indexOf("\"record_list\"", file);
        final int next = json.indexOf("\"file\":", start);
        final Matcher matcher = RECORD.matcher(json.substring(start, next < 0 ? json.length() : next));
        final List<Entry> entries = new ArrayList<>();
        while (matcher.find())
        {
            entries.add(new Entry(HexKey.parse(matcher.group(1)), Base64.getDecoder().decode(matcher.group(2))));
        }
        return entries;
    }

    static int recordCount(final String fileName) throws IOException
    {
        final String json = Files.readString(Fixtures.path("files/dht/manifest.json"), StandardCharsets.UTF_8);
        final Matcher matcher = Pattern
            .compile("\"file\": \"" + Pattern.quote(fileName) + "\"[^}]*?\"records\": (\\d+)")
            .matcher(json);
        if (!matcher.find())
        {
            throw new IllegalStateException("no record count for " + fileName + " in the manifest");
        }
        return Integer.parseInt(matcher.group(1));
    }
}
