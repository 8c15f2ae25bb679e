package org.swarmjvm.support.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.LogCapture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Values that are wrong are named with their file, line, key and value; keys nobody read are listed, once each.
 */
class IniFileTest
{
    private static final List<String> LINES = List.of(
        "; a comment",
        "[Server]",
        "port = 10x00",
        "size = 12",
        "flag = perhaps",
        "[LOG.Root]",
        "level = info",
        "[LOG]",
        "file_count = 3",
        "[LOGGING]",
        "level = info",
        "[Prefixes]",
        "ab = 1",
        "cd = 2");

    @TempDir
    Path work;

    @Test
    void shouldNameFileLineKeyAndValueWhenAValueIsWrong()
    {
        final IniFile ini = IniFile.parse("test.ini", LINES);
        assertEquals("test.ini:3: [Server] port = 10x00: must be a whole number",
            assertThrows(IllegalArgumentException.class, () -> ini.getLong("Server", "port", 0)).getMessage());
        assertEquals("test.ini:4: [Server] size = 12: must be from 1 to 10",
            assertThrows(IllegalArgumentException.class, () -> ini.getInt("Server", "size", 1, 1, 10)).getMessage());
        assertEquals("test.ini:4: [Server] size = 12: must be at least 13",
            assertThrows(IllegalArgumentException.class,
                () -> ini.getLong("Server", "size", 13, 13, Long.MAX_VALUE)).getMessage());
        assertEquals("test.ini:5: [Server] flag = perhaps: must be true or false",
            assertThrows(IllegalArgumentException.class, () -> ini.getBoolean("Server", "flag", true)).getMessage());
        assertEquals("test.ini: [Server] absent: must be given with size",
            ini.invalid("Server", "absent", "must be given with size").getMessage());
        assertEquals("test.ini: [Server] absent is required",
            assertThrows(IllegalArgumentException.class, () -> ini.require("Server", "absent")).getMessage());
        assertEquals(12, ini.getInt("Server", "size", 1, 1, 12));
        assertEquals(7, ini.getInt("Server", "absent", 7, 1, 12));
    }

    @Test
    void shouldListInFileOrderTheKeysNeitherReadNorAccepted()
    {
        final IniFile ini = IniFile.parse("test.ini", LINES);
        ini.get("Server", "size");
        ini.accept("Server", "flag", "never_there");
        ini.acceptSections("LOG");
        assertEquals(Map.of("ab", "1", "cd", "2"), ini.section("Prefixes"));
        assertEquals(Map.of(), ini.section("Absent"));

        assertEquals(List.of("test.ini:3: [Server] port", "test.ini:11: [LOGGING] level"), ini.unknownKeys());
    }

    @Test
    void shouldWarnOnceAboutEachUnknownKeyWhenLoading() throws IOException
    {
        final Path config = Files.write(work.resolve("config.ini"), LINES);
        try (LogCapture log = new LogCapture())
        {
            final String read = IniFile.load(config, ini ->
            {
                // Reading a key twice, or accepting a read key, changes nothing.
                ini.get("Server", "port");
                ini.get("Server", "port");
                ini.accept("Server", "port", "size", "flag");
                ini.acceptSections("LOG");
                return ini.section("Prefixes").toString();
            });

            assertEquals("{ab=1, cd=2}", read);
            assertEquals(List.of("WARNING " + config + ":11: [LOGGING] level: unknown key, ignored"),
                log.messagesAtLeast(Level.WARNING));
        }
    }
}
