package org.swarmjvm.queue.node.storage;

import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.protocol.fixtures.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the fixtures are and how to copy them into a test's data directory.
 */
final class StoreFixtures
{
    private StoreFixtures()
    {
    }

    static Path root()
    {
        return Fixtures.root();
    }

    static void copyDirectory(final Path from, final Path to)
    {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(from))
        {
            Files.createDirectories(to);
            for (final Path file : stream)
            {
                if (!file.getFileName().toString().endsWith(".json"))
                {
                    final Path target = to.resolve(file.getFileName());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().setWritable(true);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static List<byte[]> drain(final QueueStorage storage)
    {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer();
        final List<byte[]> records = new ArrayList<>();
        int length;
        while ((length = storage.pop(out, 0)) >= 0)
        {
            final byte[] record = new byte[length];
            out.getBytes(0, record);
            records.add(record);
        }
        return records;
    }
}
