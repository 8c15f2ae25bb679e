package org.swarmjvm.protocol.neo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A credentials file: {@code name:key} elements separated by {@code '\n'}, the key 256 hex digits (128 bytes)
 * (swarm's {@code CredentialsFile} over ocean's {@code QueryParams}). Any error rejects the whole file.
 */
public final class NeoCredentials
{
    /** Largest file accepted. */
    public static final long MAX_FILE_LENGTH = 10_000_000;

    private NeoCredentials()
    {
    }

    /**
     * Reads and parses a file.
     *
     * @param file to read.
     * @return name to 128-byte key, in file order; the last of duplicate names wins.
     * @throws IOException              when the file cannot be read.
     * @throws IllegalArgumentException with the original's message when the content is invalid.
     */
    public static Map<String, byte[]> read(final Path file) throws IOException
    {
        if (Files.size(file) > MAX_FILE_LENGTH)
        {
            throw new IllegalArgumentException("File size exceeds limit of " + MAX_FILE_LENGTH + " bytes");
        }
        return parse(Files.readAllBytes(file));
    }

    /**
     * Parses file content.
     *
     * @param content the file's bytes.
     * @return name to 128-byte key.
     * @throws IllegalArgumentException with the original's message when the content is invalid.
     */
    public static Map<String, byte[]> parse(final byte[] content)
    {
        final Map<String, byte[]> credentials = new LinkedHashMap<>();
        int line = 0;
        int start = 0;
        while (start <= content.length)
        {
            int end = start;
            while (end < content.length && content[end] != '\n')
            {
                end++;
            }
            line++;
            if (end > start)
            {
                parseElement(content, start, end, line, credentials);
            }
            start = end + 1;
        }
        return Collections.unmodifiableMap(credentials);
    }

    private static void parseElement(
        final byte[] content, final int start, final int end, final int line, final Map<String, byte[]> credentials)
    {
        int colon = start;
        while (colon < end && content[colon] != ':')
        {
            colon++;
        }
        int nameStart = start;
        int nameEnd = colon;
        while (nameStart < nameEnd && isSpace(content[nameStart]))
        {
            nameStart++;
        }
        while (nameEnd > nameStart && isSpace(content[nameEnd - 1]))
        {
            nameEnd--;
        }
        int keyStart = Math.min(colon + 1, end);
        int keyEnd = end;
        while (keyStart < keyEnd && isSpace(content[keyStart]))
        {
            keyStart++;
        }
        while (keyEnd > keyStart && isSpace(content[keyEnd - 1]))
        {
            keyEnd--;
        }
        final String where = " in registry file  at line " + line;
        if (nameEnd == nameStart)
        {
            throw new IllegalArgumentException("Empty name" + where);
        }
        if (nameEnd - nameStart > NeoConst.MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("Name too long" + where);
        }
        for (int i = nameStart; i < nameEnd; i++)
        {
            if (content[i] < 0x21 || content[i] > 0x7e)
            {
                throw new IllegalArgumentException("Invalid name letter at position " + (i - nameStart) + where);
            }
        }
        if (keyEnd - keyStart != 2 * NeoConst.KEY_LENGTH)
        {
            throw new IllegalArgumentException("Invalid key length " + (keyEnd - keyStart) + " (should be " +
                2 * NeoConst.KEY_LENGTH + ")" + where);
        }
        final byte[] key = new byte[NeoConst.KEY_LENGTH];
        for (int i = 0; i < key.length; i++)
        {
            final int high = Character.digit(content[keyStart + 2 * i], 16);
            final int low = Character.digit(content[keyStart + 2 * i + 1], 16);
            if (high < 0 || low < 0)
            {
                throw new IllegalArgumentException(
                    "Invalid key letter at position " + (2 * i + (high < 0 ? 0 : 1)) + where);
            }
            key[i] = (byte)(high << 4 | low);
        }
        credentials.put(new String(content, nameStart, nameEnd - nameStart, java.nio.charset.StandardCharsets.US_ASCII),
            key);
    }

    private static boolean isSpace(final byte b)
    {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
