package org.swarmjvm.bench.load;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@code <channel>.tcm} dump of keys 0 to n-1 with random values, as large as asked, for measuring how
 * long a node takes to load it.
 */
@Command(name = "tcm", mixinStandardHelpOptions = true, description = "Write a .tcm dump file of a given size.")
public final class TcmCommand implements Runnable
{
    @Option(names = "--dir", required = true, description = "data directory to write into")
    private Path dir;

    @Option(names = "--channel", description = "channel name (default: ${DEFAULT-VALUE})")
    private String channel = "bench";

    @Option(names = "--bytes", description = "file size to reach at least (default: ${DEFAULT-VALUE}, 1 GiB)")
    private long bytes = 1L << 30;

    @Option(names = {"-s", "--value-size"}, description = "bytes per value (default: ${DEFAULT-VALUE})")
    private int valueSize = 1024;

    @Override
    public void run()
    {
        final Records values = new Records(valueSize, 0x7c3L);
        final UnsafeBuffer view = new UnsafeBuffer(new byte[1]);
        final long start = System.nanoTime();
        try
        {
            Files.createDirectories(dir);
            try (TcmWriter writer = TcmWriter.create(dir, channel))
            {
                long written = 0;
                for (long index = 0; written < bytes; index++)
                {
                    final byte[] value = values.value(index);
                    view.wrap(value);
                    writer.append(Records.key(index), view, 0, value.length);
                    // A record in the file: u64 key length, 16 hex digits, u64 value length, the value.
                    written += 2 * Long.BYTES + 16 + value.length;
                }
                writer.commit(0);
                final long size = Files.size(writer.targetFile());
                System.out.printf(Locale.ROOT, "tcm: %s: %,d records of %d bytes, %,d bytes in %.2f s%n",
                    writer.targetFile(), writer.records(), valueSize, size, (System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT, "RESULT label=tcm records=%d file_bytes=%d%n", writer.records(), size);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
