package org.swarmjvm.protocol.dht.tcm;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeLogTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadBackPutsRemovalsAndClearsIncludingValuesLongerThanTheBufferAndTheWindow() throws IOException
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final List<Entry> written = new ArrayList<>();
        final Path log = dir.resolve("ch.tcl.0");
        try (ChangeLogWriter writer = ChangeLogWriter.create(log))
        {
            for (int i = 0; i < 2_000; i++)
            {
                written.add(append(writer, randomEntry(random, i)));
            }
            written.add(append(writer, new Entry(ChangeLogDescriptor.PUT, 7, new byte[ChangeLogWriter.BUFFER_SIZE])));
            written.add(append(writer, new Entry(ChangeLogDescriptor.PUT, 8, bytes(random, 3 << 20))));
            written.add(append(writer, new Entry(ChangeLogDescriptor.CLEAR, 0, new byte[0])));
            written.add(append(writer, new Entry(ChangeLogDescriptor.PUT, 9, bytes(random, 1))));
        }

        final List<Entry> read = readAll(log);
        assertEquals(written, read, "seed " + seed);
    }

    @Test
    void shouldStopAtTheLastWholeEntryWhereverTheFileIsCut() throws IOException
    {
        final Path log = dir.resolve("ch.tcl.0");
        final List<Long> ends = new ArrayList<>();
        try (ChangeLogWriter writer = ChangeLogWriter.create(log))
        {
            ends.add(writer.length());
            for (int i = 0; i < 5; i++)
            {
                writer.put(i, new UnsafeBuffer(new byte[] {1, 2, (byte)i}), 0, 3);
                ends.add(writer.length());
                writer.remove(i);
                ends.add(writer.length());
            }
        }
        final byte[] whole = Files.readAllBytes(log);
        for (int cut = 0; cut <= whole.length; cut++)
        {
            final Path torn = Files.write(dir.resolve("torn.tcl.0"), Arrays.copyOf(whole, cut));
            int entries = 0;
            final long expectedValid;
            try (ChangeLogReader reader = ChangeLogReader.open(torn))
            {
                while (reader.next())
                {
                    entries++;
                }
                final int lastWhole = lastAtMost(ends, cut);
                expectedValid = lastWhole < 0 ? 0 : ends.get(lastWhole);
                assertEquals(Math.max(0, lastWhole), entries, "cut at " + cut);
                assertEquals(expectedValid, reader.validLength(), "cut at " + cut);
                if (expectedValid == cut && cut >= ChangeLogDescriptor.HEADER_LENGTH)
                {
                    assertNull(reader.damage(), "cut at an entry's end is a clean end");
                }
                else
                {
                    assertNotNull(reader.damage(), "cut at " + cut);
                }
            }
            if (expectedValid > 0)
            {
                try (ChangeLogWriter writer = ChangeLogWriter.append(torn, expectedValid))
                {
                    writer.remove(99);
                }
                final List<Entry> read = readAll(torn);
                assertEquals(new Entry(ChangeLogDescriptor.REMOVE, 99, new byte[0]), read.get(read.size() - 1),
                    "appended after cutting back at " + cut);
            }
        }
    }

    @Test
    void shouldStopBeforeAnEntryWithAWrongChecksum() throws IOException
    {
        final Path log = dir.resolve("ch.tcl.0");
        final long secondEntry;
        try (ChangeLogWriter writer = ChangeLogWriter.create(log))
        {
            writer.put(1, new UnsafeBuffer(new byte[] {1}), 0, 1);
            secondEntry = writer.length();
            writer.put(2, new UnsafeBuffer(new byte[] {2}), 0, 1);
            writer.put(3, new UnsafeBuffer(new byte[] {3}), 0, 1);
        }
        try (FileChannel file = FileChannel.open(log, StandardOpenOption.WRITE))
        {
            file.write(ByteBuffer.wrap(new byte[] {9}), secondEntry + ChangeLogDescriptor.VALUE_OFFSET);
        }
        try (ChangeLogReader reader = ChangeLogReader.open(log))
        {
            assertTrue(reader.next());
            assertEquals(1, reader.key());
            assertEquals(false, reader.next());
            assertEquals(secondEntry, reader.validLength());
            assertEquals("entry at byte offset " + secondEntry + " has a wrong checksum", reader.damage());
        }
    }

    @Test
    void shouldRefuseAFileThatIsNotAChangeLog() throws IOException
    {
        final Path file = Files.write(dir.resolve("x.tcl.0"), ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(0, 0).array());
        assertThrows(TcmFormatException.class, () -> ChangeLogReader.open(file));
    }

    @Test
    void shouldListChangeLogsBySequenceNumberAndDeleteThemOldestFirst() throws IOException
    {
        final DumpDirectory directory = new DumpDirectory(dir);
        for (final long sequence : new long[] {10, 2, 1})
        {
            ChangeLogWriter.create(directory.changeLog("ch", sequence)).close();
        }
        ChangeLogWriter.create(directory.changeLog("other", 3)).close();
        Files.createFile(dir.resolve("ch.tcl.1.dumping"));

        assertEquals(List.of(directory.changeLog("ch", 1), directory.changeLog("ch", 2), directory.changeLog("ch", 10)),
            directory.changeLogs("ch"));
        assertEquals(List.of("ch", "other"), new ArrayList<>(directory.changeLogsByChannel().keySet()));
        assertTrue(DumpDirectory.isChangeLog("ch.tcl.10"));
        assertEquals(false, DumpDirectory.isChangeLog("ch.tcl.1.dumping"));

        directory.deleteChangeLogs(directory.changeLogs("ch"));
        assertEquals(List.of(), directory.changeLogs("ch"));
        directory.moveToDeleted("other");
        assertEquals(List.of(), directory.changeLogs("other"));
        assertTrue(Files.exists(directory.deletedFolder().resolve("other.tcl.3")));
    }

    private static int lastAtMost(final List<Long> ends, final long cut)
    {
        int last = -1;
        for (int i = 0; i < ends.size(); i++)
        {
            if (ends.get(i) <= cut)
            {
                last = i;
            }
        }
        return last;
    }

    private static Entry randomEntry(final Random random, final long key)
    {
        final int kind = random.nextInt(10);
        if (0 == kind)
        {
            return new Entry(ChangeLogDescriptor.REMOVE, key, new byte[0]);
        }
        return new Entry(ChangeLogDescriptor.PUT, key, bytes(random, 1 + random.nextInt(200)));
    }

    private static byte[] bytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Entry append(final ChangeLogWriter writer, final Entry entry) throws IOException
    {
        switch (entry.type)
        {
            case ChangeLogDescriptor.PUT -> writer.put(entry.key, new UnsafeBuffer(entry.value), 0, entry.value.length);
            case ChangeLogDescriptor.REMOVE -> writer.remove(entry.key);
            default -> writer.clear();
        }
        return entry;
    }

    private static List<Entry> readAll(final Path log) throws IOException
    {
        final List<Entry> read = new ArrayList<>();
        try (ChangeLogReader reader = ChangeLogReader.open(log))
        {
            while (reader.next())
            {
                final byte[] value = new byte[reader.valueLength()];
                reader.valueBuffer().getBytes(reader.valueOffset(), value);
                read.add(new Entry(reader.type(), reader.key(), value));
            }
            assertNull(reader.damage());
        }
        return read;
    }

    private record Entry(byte type, long key, byte[] value)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Entry entry && type == entry.type && key == entry.key &&
                Arrays.equals(value, entry.value);
        }

        @Override
        public int hashCode()
        {
            return Long.hashCode(key);
        }

        @Override
        public String toString()
        {
            return type + "/" + key + "/" + value.length;
        }
    }
}
