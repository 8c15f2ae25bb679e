package org.swarmjvm.protocol.dht.tcm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpDirectoryTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCreateTheDeletedFolderWhenTheDataDirectoryIsNew()
    {
        final DumpDirectory directory = new DumpDirectory(dir.resolve("data"));

        assertTrue(Files.isDirectory(dir.resolve("data").resolve("deleted")));
        assertEquals(dir.resolve("data").resolve("deleted"), directory.deletedFolder());
        assertEquals(dir.resolve("data").resolve("ch.tcm"), directory.dumpFile("ch"));
    }

    @Test
    void shouldMoveTheDumpAndItsGenerationsButNoOtherChannelWhenAChannelIsRemoved() throws IOException
    {
        final DumpDirectory directory = new DumpDirectory(dir);
        write("ch.tcm", "live");
        write("ch.tcm.1", "previous");
        write("ch.tcm.2", "older");
        write("ch.tcm.AbCdEf.dumping", "unfinished");
        write("ch2.tcm", "other channel");
        write("ch.tcm.1", "replaced in deleted/", "deleted");

        directory.moveToDeleted("ch");

        assertEquals(List.of("ch.tcm.AbCdEf.dumping", "ch2.tcm", "deleted"), names(dir));
        assertEquals(List.of("ch.tcm", "ch.tcm.1", "ch.tcm.2"), names(dir.resolve("deleted")));
        assertEquals("live", read("deleted/ch.tcm"));
        assertEquals("previous", read("deleted/ch.tcm.1"));
        assertEquals("older", read("deleted/ch.tcm.2"));
    }

    @Test
    void shouldDeleteTheTemporaryFilesOfKilledWritersButNotADumpBeingWritten() throws IOException
    {
        final DumpDirectory directory = new DumpDirectory(dir);
        write("ch.tcm.AbCdEf.dumping", "left by a killed dht-dump");
        write("ch2.tcm.123456.dumping", "left by a killed node");
        write("ch.tcm.1", "previous");
        try (TcmWriter inProgress = TcmWriter.create(dir, "ch"))
        {
            assertEquals(2, directory.removeStaleTemporaryFiles());

            assertEquals(Stream.of("ch.tcm.1", "deleted", inProgress.tempFile().getFileName().toString()).sorted()
                .toList(), names(dir));
            inProgress.commit(0);
        }
        assertEquals(List.of("ch.tcm", "ch.tcm.1", "deleted"), names(dir));
        assertEquals(0, directory.removeStaleTemporaryFiles());
        assertTrue(DumpDirectory.isGeneration("ch.tcm.1") && DumpDirectory.isGeneration("a.tcm.b.tcm.12"));
        assertTrue(!DumpDirectory.isGeneration("ch.tcm") && !DumpDirectory.isGeneration("ch.tcm.") &&
            !DumpDirectory.isGeneration("ch.tcm.AbCdEf.dumping") && !DumpDirectory.isGeneration(".tcm.1"));
    }

    @Test
    void shouldDoNothingWhenTheChannelHasNoDump() throws IOException
    {
        final DumpDirectory directory = new DumpDirectory(dir);
        write("other.tcm", "x");

        directory.moveToDeleted("ch");

        assertEquals(List.of("deleted", "other.tcm"), names(dir));
        assertEquals(List.of(), names(dir.resolve("deleted")));
    }

    private void write(final String name, final String content, final String... folder) throws IOException
    {
        final Path parent = 0 == folder.length ? dir : dir.resolve(folder[0]);
        Files.writeString(parent.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private String read(final String name) throws IOException
    {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
    }

    private static List<String> names(final Path folder) throws IOException
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
