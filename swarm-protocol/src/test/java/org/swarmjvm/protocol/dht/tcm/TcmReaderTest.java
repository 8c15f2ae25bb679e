package org.swarmjvm.protocol.dht.tcm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swarmjvm.protocol.fixtures.Fixtures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcmReaderTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"empty.tcm", "three.tcm", "bulk.tcm"})
    void shouldReadEveryRecordInFileOrderWhenLoadingAFixture(final String name) throws IOException
    {
        final List<TcmManifest.Entry> expected = TcmManifest.records(name);
        assertEquals(TcmManifest.recordCount(name), expected.size());

        try (TcmReader reader = TcmReader.open(Fixtures.path("files/dht/" + name)))
        {
            for (int i = 0; i < expected.size(); i++)
            {
                assertTrue(reader.next(), name + " ends before record " + i);
                assertEquals(expected.get(i).key(), reader.key(), name + " record " + i);
                assertArrayEquals(expected.get(i).value(), value(reader), name + " record " + i);
            }
            assertFalse(reader.next());
            assertFalse(reader.next());
            assertEquals(0, reader.invalidRecords());
            assertEquals(0, reader.emptyRecords());
        }
    }

    @Test
    void shouldAcceptUpperCaseAndRawKeysAndSkipInvalidAndEmptyRecords() throws IOException
    {
        final Path file = write(new FileBuilder()
            .record("00000000000000AB".getBytes(StandardCharsets.US_ASCII), "upper")
            .record(rawKey(0x0102030405060708L), "raw")
            .record("short".getBytes(StandardCharsets.US_ASCII), "invalid length")
            .record("000000000000000g".getBytes(StandardCharsets.US_ASCII), "not hex")
            .record("0000000000000001".getBytes(StandardCharsets.US_ASCII), "")
            .record("ffffffffffffffff".getBytes(StandardCharsets.US_ASCII), "last")
            .end());

        try (TcmReader reader = TcmReader.open(file))
        {
            assertTrue(reader.next());
            assertEquals(0xabL, reader.key());
            assertEquals("upper", text(reader));
            assertTrue(reader.next());
            assertEquals(0x0102030405060708L, reader.key());
            assertEquals("raw", text(reader));
            assertTrue(reader.next());
            assertEquals(-1L, reader.key());
            assertEquals("last", text(reader));
            assertFalse(reader.next());
            assertEquals(2, reader.invalidRecords());
            assertEquals(1, reader.emptyRecords());
        }
    }

    @Test
    void shouldFailWithOffsetWhenTheFileIsTruncatedAnywhere() throws IOException
    {
        final byte[] three = Files.readAllBytes(Fixtures.path("files/dht/three.tcm"));
        final int endMarker = 123;
        for (int length = 1; length < endMarker + Long.BYTES; length++)
        {
            final Path file = dir.resolve("cut" + length + ".tcm");
            Files.write(file, Arrays.copyOf(three, length));

            final TcmFormatException ex = assertThrows(TcmFormatException.class, () -> readAll(file),
                "truncated at " + length);

            assertEquals(file, ex.file());
            assertTrue(ex.getMessage().startsWith(file + " at byte offset "), ex.getMessage());
            assertTrue(ex.offset() <= length, ex.getMessage());
        }
    }

    @Test
    void shouldFailWhenTheFileIsEmpty() throws IOException
    {
        final Path file = dir.resolve("zero.tcm");
        Files.write(file, new byte[0]);

        final TcmFormatException ex = assertThrows(TcmFormatException.class, () -> TcmReader.open(file));

        assertEquals(0, ex.offset());
        assertTrue(ex.getMessage().contains("empty file"), ex.getMessage());
    }

    @Test
    void shouldFailWhenTheVersionIsNotZero() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(Fixtures.path("files/dht/three.tcm"));
        bytes[0] = 1;
        final Path file = Files.write(dir.resolve("v1.tcm"), bytes);

        final TcmFormatException ex = assertThrows(TcmFormatException.class, () -> TcmReader.open(file));

        assertTrue(ex.getMessage().contains("unsupported format version 1"), ex.getMessage());
    }

    @Test
    void shouldFailWithoutAllocatingWhenALengthIsGarbage() throws IOException
    {
        final Path hugeKey = write(new FileBuilder().u64(Long.MAX_VALUE).end());
        final Path hugeValue = write(new FileBuilder()
            .u64(16).bytes("0000000000000001".getBytes(StandardCharsets.US_ASCII)).u64(-2L).end());
        final Path valuePastEnd = write(new FileBuilder()
            .u64(16).bytes("0000000000000001".getBytes(StandardCharsets.US_ASCII)).u64(60L * 1024 * 1024).end());

        final TcmFormatException key = assertThrows(TcmFormatException.class, () -> readAll(hugeKey));
        final TcmFormatException value = assertThrows(TcmFormatException.class, () -> readAll(hugeValue));
        final TcmFormatException pastEnd = assertThrows(TcmFormatException.class, () -> readAll(valuePastEnd));

        assertEquals(8, key.offset());
        assertTrue(key.getMessage().contains("key length 9223372036854775807"), key.getMessage());
        assertEquals(32, value.offset());
        assertTrue(value.getMessage().contains("value length 18446744073709551614"), value.getMessage());
        assertEquals(32, pastEnd.offset());
        assertTrue(pastEnd.getMessage().contains("truncated"), pastEnd.getMessage());
    }

    @Test
    void shouldReadValuesAcrossWindowsAndLargerThanAWindow() throws IOException
    {
        // A 1 KiB value straddles the first window's end; a value larger than a window is read past it.
        final int small = 1000;
        final int records = TcmReader.WINDOW_SIZE / (2 * Long.BYTES + 16 + small) + 2;
        final FileBuilder file = new FileBuilder();
        for (int i = 0; i < records; i++)
        {
            file.record(hexKey(i), filled(small, i));
        }
        final byte[] large = filled(TcmReader.WINDOW_SIZE * 3 + 7, 99);
        file.record(hexKey(records), large).record(hexKey(records + 1), filled(small, 100));
        final Path path = write(file.end());

        try (TcmReader reader = TcmReader.open(path))
        {
            for (int i = 0; i < records; i++)
            {
                assertTrue(reader.next());
                assertEquals(i, reader.key());
                assertArrayEquals(filled(small, i), value(reader), "record " + i);
            }
            assertTrue(reader.next());
            assertArrayEquals(large, value(reader));
            assertTrue(reader.next());
            assertEquals(records + 1, reader.key());
            assertArrayEquals(filled(small, 100), value(reader));
            assertFalse(reader.next());
            assertEquals(Files.size(path), reader.position(), "read up to the end marker's end");
        }
    }

    @Test
    void shouldReportTruncationInsideAValueLargerThanAWindow() throws IOException
    {
        final byte[] whole = new FileBuilder().record(hexKey(1), filled(TcmReader.WINDOW_SIZE * 2, 1)).end();
        final Path cut = write(Arrays.copyOf(whole, TcmReader.WINDOW_SIZE + 100));

        final TcmFormatException ex = assertThrows(TcmFormatException.class, () -> readAll(cut));

        assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
    }

    @Test
    void shouldEstimateTheRecordsAndValueLengthOfAFileFromItsFirstWindow() throws IOException
    {
        final FileBuilder file = new FileBuilder();
        final int records = 5000;
        for (int i = 0; i < records; i++)
        {
            file.record(hexKey(i), filled(1000, i));
        }
        try (TcmReader reader = TcmReader.open(write(file.end())))
        {
            assertEquals(1000, reader.estimatedAverageValueLength());
            assertTrue(Math.abs(reader.estimatedRecords() - records) <= records / 100,
                "estimated " + reader.estimatedRecords());
        }
    }

    private static void readAll(final Path file) throws IOException
    {
        try (TcmReader reader = TcmReader.open(file))
        {
            while (reader.next())
            {
                reader.key();
            }
        }
    }

    private Path write(final byte[] bytes) throws IOException
    {
        return Files.write(Files.createTempFile(dir, "crafted", ".tcm"), bytes);
    }

    private static byte[] value(final TcmReader reader)
    {
        final byte[] value = new byte[reader.valueLength()];
        reader.valueBuffer().getBytes(reader.valueOffset(), value);
        return value;
    }

    private static String text(final TcmReader reader)
    {
        return new String(value(reader), StandardCharsets.US_ASCII);
    }

    private static byte[] hexKey(final long key)
    {
        return String.format("%016x", key).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(final int length, final int seed)
    {
        final byte[] value = new byte[length];
        for (int i = 0; i < length; i++)
        {
            value[i] = (byte)(seed * 31 + i);
        }
        return value;
    }

    private static byte[] rawKey(final long key)
    {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(key).array();
    }

    private static final class FileBuilder
    {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        FileBuilder()
        {
            u64(0);
        }

        FileBuilder record(final byte[] key, final String value)
        {
            return record(key, value.getBytes(StandardCharsets.US_ASCII));
        }

        FileBuilder record(final byte[] key, final byte[] value)
        {
            return u64(key.length).bytes(key).u64(value.length).bytes(value);
        }

        FileBuilder u64(final long value)
        {
            return bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        }

        FileBuilder bytes(final byte[] bytes)
        {
            out.write(bytes, 0, bytes.length);
            return this;
        }

        byte[] end()
        {
            u64(0);
            return out.toByteArray();
        }
    }
}
