package org.swarmjvm.protocol.dht.tcm;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.fixtures.Fixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcmWriterTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReproduceTheNodesFileByteForByteWhenWritingThreeTcm() throws IOException
    {
        final List<TcmManifest.Entry> records = TcmManifest.records("three.tcm");

        try (TcmWriter writer = TcmWriter.create(dir, "three"))
        {
            for (final TcmManifest.Entry entry : records)
            {
                writer.append(entry.key(), new UnsafeBuffer(entry.value()), 0, entry.value().length);
            }
            writer.commit(0);
            assertEquals(3, writer.records());
            assertEquals(3 * (16 + 16) + 8 + 3 + 8, writer.bytes());
        }

        assertArrayEquals(Files.readAllBytes(Fixtures.path("files/dht/three.tcm")),
            Files.readAllBytes(dir.resolve("three.tcm")));
        assertEquals("rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("three.tcm"))));
        assertEquals(List.of("three.tcm"), names());
    }

    @Test
    void shouldReproduceTheEmptyChannelFileWhenNothingIsAppended() throws IOException
    {
        try (TcmWriter writer = TcmWriter.create(dir, "empty"))
        {
            writer.commit(0);
        }

        assertArrayEquals(Files.readAllBytes(Fixtures.path("files/dht/empty.tcm")),
            Files.readAllBytes(dir.resolve("empty.tcm")));
    }

    @Test
    void shouldReadBackRandomRecordsWhenRoundTripping() throws IOException
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final String context = "seed " + seed;
        System.out.println(getClass().getSimpleName() + " random records, " + context);
        final List<TcmManifest.Entry> records = new ArrayList<>();
        for (int i = 0; i < 3000; i++)
        {
            final int length = i % 500 == 7 ? 70_000 + random.nextInt(200_000) : 1 + random.nextInt(300);
            final byte[] value = new byte[length];
            random.nextBytes(value);
            records.add(new TcmManifest.Entry(random.nextLong(), value));
        }

        long bytes = 0;
        try (TcmWriter writer = TcmWriter.create(dir, "random_ch-1"))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[300_000 + 10]);
            for (final TcmManifest.Entry entry : records)
            {
                buffer.putBytes(5, entry.value());
                writer.append(entry.key(), buffer, 5, entry.value().length);
                bytes += 32 + entry.value().length;
            }
            writer.commit(0);
            assertEquals(records.size(), writer.records(), context);
            assertEquals(bytes, writer.bytes(), context);
        }

        final Path file = dir.resolve("random_ch-1.tcm");
        assertEquals(0, Files.size(file) % TcmRecordDescriptor.BLOCK_SIZE, context);
        try (TcmReader reader = TcmReader.open(file))
        {
            for (final TcmManifest.Entry entry : records)
            {
                assertTrue(reader.next(), context);
                assertEquals(entry.key(), reader.key(), context);
                final byte[] value = new byte[reader.valueLength()];
                reader.valueBuffer().getBytes(reader.valueOffset(), value);
                assertArrayEquals(entry.value(), value, context);
            }
            assertFalse(reader.next(), context);
        }
    }

    @Test
    void shouldKeepPreviousDumpsAsGenerationsWhenAsked() throws IOException
    {
        dump("first", 2);
        dump("second", 2);
        dump("third", 2);

        assertEquals("third", onlyValue(dir.resolve("gen.tcm")));
        assertEquals("second", onlyValue(dir.resolve("gen.tcm.1")));
        assertEquals("first", onlyValue(dir.resolve("gen.tcm.2")));

        dump("fourth", 2);

        assertEquals(List.of("gen.tcm", "gen.tcm.1", "gen.tcm.2"), names());
        assertEquals("fourth", onlyValue(dir.resolve("gen.tcm")));
        assertEquals("third", onlyValue(dir.resolve("gen.tcm.1")));
        assertEquals("second", onlyValue(dir.resolve("gen.tcm.2")));
    }

    @Test
    void shouldReplaceTheDumpWithoutGenerationsWhenKeepingNone() throws IOException
    {
        dump("first", 0);
        dump("second", 0);

        assertEquals(List.of("gen.tcm"), names());
        assertEquals("second", onlyValue(dir.resolve("gen.tcm")));
    }

    @Test
    void shouldDeleteTheTemporaryFileWhenClosedWithoutCommit() throws IOException
    {
        dump("kept", 0);
        final Path temp;
        try (TcmWriter writer = TcmWriter.create(dir, "gen"))
        {
            temp = writer.tempFile();
            writer.append(1, new UnsafeBuffer("lost".getBytes(StandardCharsets.US_ASCII)), 0, 4);
            assertTrue(Files.exists(temp));
        }

        assertFalse(Files.exists(temp));
        assertEquals(List.of("gen.tcm"), names());
        assertEquals("kept", onlyValue(dir.resolve("gen.tcm")));
    }

    @Test
    void shouldNameTheTemporaryFileSoNoLoaderTakesItForADump() throws IOException
    {
        try (TcmWriter first = TcmWriter.create(dir, "chan"); TcmWriter second = TcmWriter.create(dir, "chan"))
        {
            first.append(1, new UnsafeBuffer(new byte[]{1}), 0, 1);

            for (final TcmWriter writer : List.of(first, second))
            {
                final String name = writer.tempFile().getFileName().toString();
                assertTrue(name.matches("chan\\.tcm\\.[A-Za-z0-9]{6}\\.dumping"), name);
                assertFalse(name.endsWith(".tcm"), name);
                assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(writer.tempFile())));
            }
            assertFalse(first.tempFile().equals(second.tempFile()));
            assertFalse(Files.exists(dir.resolve("chan.tcm")));
        }
    }

    @Test
    void shouldRefuseAChannelNameThatIsNoFileName()
    {
        assertThrows(IllegalArgumentException.class, () -> TcmWriter.create(dir, "../escape"));
        assertThrows(IllegalArgumentException.class, () -> TcmWriter.create(dir, ""));
    }

    private void dump(final String value, final int keepGenerations) throws IOException
    {
        try (TcmWriter writer = TcmWriter.create(dir, "gen"))
        {
            final byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            writer.append(7, new UnsafeBuffer(bytes), 0, bytes.length);
            writer.commit(keepGenerations);
        }
    }

    private static String onlyValue(final Path file) throws IOException
    {
        try (TcmReader reader = TcmReader.open(file))
        {
            assertTrue(reader.next());
            final byte[] value = new byte[reader.valueLength()];
            reader.valueBuffer().getBytes(reader.valueOffset(), value);
            assertFalse(reader.next());
            return new String(value, StandardCharsets.US_ASCII);
        }
    }

    private List<String> names() throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
