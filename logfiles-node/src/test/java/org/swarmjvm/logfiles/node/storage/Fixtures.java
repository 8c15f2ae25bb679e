package org.swarmjvm.logfiles.node.storage;

import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.fixtures.MiniJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The original's bucket files and what they hold.
 */
final class Fixtures
{
    /** A record as expected: where it starts in its file, its key and value. */
    record Rec(long offset, long key, byte[] value)
    {
        String text()
        {
            return new String(value, StandardCharsets.ISO_8859_1);
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Rec r && r.offset == offset && r.key == key && Arrays.equals(r.value, value);
        }

        @Override
        public int hashCode()
        {
            return Long.hashCode(key) * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString()
        {
            return "@" + offset + " " + HexKey.toString(key) + "=" + (value.length > 40 ?
                text().substring(0, 40) + "...(" + value.length + ")" : text());
        }
    }

    /** A bucket of the manifest. */
    record Bucket(String path, long size, List<Rec> records)
    {
    }

    private Fixtures()
    {
    }

    static Path root()
    {
        return org.swarmjvm.protocol.fixtures.Fixtures.root();
    }

    /** The node-written channel directory of {@code files/logfiles}. */
    static Path filesDir()
    {
        return root().resolve("files/logfiles");
    }

    /** Upstream's versioning fixtures: {@code logfiles/{legacy,parity-fine,putlegacy}}. */
    static Path upstreamDir()
    {
        return root().resolve("logfiles");
    }

    @SuppressWarnings("unchecked")
    static List<Bucket> manifest()
    {
        try
        {
            final Map<String, Object> root = (Map<String, Object>)MiniJson.parse(
                Files.readString(filesDir().resolve("manifest.json")));
            final List<Bucket> buckets = new ArrayList<>();
            for (final Object b : (List<Object>)root.get("buckets"))
            {
                final Map<String, Object> bucket = (Map<String, Object>)b;
                final List<Rec> records = new ArrayList<>();
                for (final Object r : (List<Object>)bucket.get("records"))
                {
                    final Map<String, Object> rec = (Map<String, Object>)r;
                    records.add(new Rec((Long)rec.get("offset"), HexKey.parse((String)rec.get("key")),
                        Base64.getDecoder().decode((String)rec.get("value"))));
                }
                buckets.add(new Bucket((String)bucket.get("path"), (Long)bucket.get("size"), records));
            }
            return buckets;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** {@code legacy/0000000057/275}: §6.2 of the spec. */
    static List<Rec> legacyRecords()
    {
        return List.of(
            rec(0, 0x57275806L, "Hello there"),
            rec(27, 0x57275809L, "I'm a legacy channel"),
            rec(63, 0x5727580cL, "Nice to meet you finaly"),
            rec(102, 0x57275810L, "Oh, yes indeed."));
    }

    /** {@code parity-fine/0000000057/275}: §6.2 of the spec. */
    static List<Rec> parityFineRecords()
    {
        return List.of(
            rec(16, 0x5727545cL, "Hello there"),
            rec(44, 0x57275461L, "how are you are you fine"),
            rec(85, 0x57275464L, "I'm very good! Thanks!"),
            rec(124, 0x5727546aL, "Let's see"),
            rec(150, 0x5727546dL, "This one will get broken"),
            rec(191, 0x57275471L, "we'll never receive this one"),
            rec(236, 0x57275474L, "nor this one"),
            rec(265, 0x57275475L, "bye"));
    }

    static Rec rec(final long offset, final long key, final String value)
    {
        return new Rec(offset, key, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Copies a fixture tree into a writable directory (the fixtures are read-only). */
    static void copyTree(final Path from, final Path to)
    {
        try
        {
            Files.walkFileTree(from, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
                    throws IOException
                {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs)
                    throws IOException
                {
                    final Path target = to.resolve(from.relativize(file).toString());
                    Files.write(target, Files.readAllBytes(file));
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Reads every record of one bucket file with the reader under test, by the original's rules. */
    static List<Rec> readBucket(final Path file) throws IOException
    {
        return readBucket(file, BucketReader.NO_RESYNC);
    }

    /** Reads every record of one bucket file with the reader under test, resynchronising on the bucket's keys. */
    static List<Rec> readBucket(final Path file, final long bucketId) throws IOException
    {
        final List<Rec> records = new ArrayList<>();
        try (BucketReader reader = new BucketReader(20))
        {
            if (!reader.open(file, 0, bucketId))
            {
                return records;
            }
            while (reader.next())
            {
                final byte[] value = new byte[reader.valueLength()];
                reader.valueBuffer().getBytes(reader.valueOffset(), value);
                records.add(new Rec(reader.recordOffset(), reader.key(), value));
            }
        }
        return records;
    }
}
