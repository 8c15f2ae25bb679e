package org.swarmjvm.logfiles.node.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The crash-recovery checkpoint, {@code checkpoint.dat} in the data directory, in the original's text format so
 * that either node can restart on the other's files:
 * <pre>
 *   &lt;channel&gt; &lt;first key of the bucket, unsigned decimal&gt; &lt;byte offset, decimal&gt;\n     one line per
 * bucket
 * </pre>
 * What differs from the original, on purpose:
 * <ul>
 *   <li><b>Offsets do not lag.</b> The original records a bucket's length only at the next Put after a flush and
 *   commits every 300 s, and on restart truncates every listed bucket to its offset: fully written, even synced,
 *   records were cut off, often down to 0 bytes. Here a commit first flushes and syncs every open bucket and
 *   records the length it just synced; and on restart a listed bucket is cut back only to the end of its sound
 *   records past the offset (complete, parity valid where there is parity, non-empty, keys of this bucket), so
 *   a crash never costs a record that reached the file whole, while a torn tail is removed; never below the
 *   offset, so never into bytes this node did not write since that checkpoint; and the file as found is copied
 *   aside first ({@link Quarantine}).</li>
 *   <li><b>The file follows {@code data_dir}.</b> The original always used {@code ./data/checkpoint.dat}; with the
 *   default {@code data_dir = data} both are the same file.</li>
 *   <li><b>Durable replacement.</b> The new content goes to {@code checkpoint.dat.tmp}, which is synced, renamed
 *   over {@code checkpoint.dat}, and the directory synced.</li>
 * </ul>
 * A malformed line ends reading, as in the original.
 */
public final class Checkpoint
{
    /** The checkpoint's file name in the data directory. */
    public static final String FILE_NAME = "checkpoint.dat";

    /** Its temporary twin, renamed over it on commit. */
    public static final String TMP_FILE_NAME = "checkpoint.dat.tmp";

    private static final System.Logger LOG = System.getLogger(Checkpoint.class.getName());
    private static final Pattern CHANNEL = Pattern.compile("[_0-9a-zA-Z-]+");

    /**
     * One bucket's line.
     *
     * @param channel     the channel name.
     * @param bucketStart the first key of the bucket.
     * @param offset      the bucket file's length known to hold only complete records.
     */
    public record Entry(String channel, long bucketStart, long offset)
    {
        /**
         * @return the line as written, newline included.
         */
        public String toLine()
        {
            return channel + ' ' + Long.toUnsignedString(bucketStart) + ' ' + offset + '\n';
        }
    }

    private Checkpoint()
    {
    }

    /**
     * Reads a checkpoint file.
     *
     * @param file the checkpoint.
     * @return its entries up to the first malformed line; none when the file does not exist.
     * @throws IOException when the file cannot be read.
     */
    public static List<Entry> read(final Path file) throws IOException
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        }
        catch (final NoSuchFileException ex)
        {
            return List.of();
        }
        final List<Entry> entries = new ArrayList<>();
        for (final String line : lines)
        {
            final String[] fields = line.strip().split("\\s+");
            if (fields.length == 1 && fields[0].isEmpty())
            {
                continue;
            }
            try
            {
                if (fields.length != 3 || !CHANNEL.matcher(fields[0]).matches())
                {
                    throw new NumberFormatException("not <channel> <key> <offset>");
                }
                final long offset = Long.parseLong(fields[2]);
                if (offset < 0)
                {
                    throw new NumberFormatException("negative offset");
                }
                entries.add(new Entry(fields[0], Long.parseUnsignedLong(fields[1]), offset));
            }
            catch (final NumberFormatException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "{0}: malformed line \"{1}\", rest ignored", file, line);
                break;
            }
        }
        return entries;
    }

    /**
     * Replaces the checkpoint durably: temporary file, sync, rename, directory sync.
     *
     * @param dataDir the data directory.
     * @param entries the buckets to list.
     * @throws IOException when writing fails; the previous checkpoint is then still in place.
     */
    public static void write(final Path dataDir, final Collection<Entry> entries) throws IOException
    {
        final StringBuilder text = new StringBuilder(entries.size() * 40);
        for (final Entry entry : entries)
        {
            text.append(entry.toLine());
        }
        final Path tmp = dataDir.resolve(TMP_FILE_NAME);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final java.nio.ByteBuffer bytes =
                java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1));
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dataDir);
    }

    /**
     * Deletes the checkpoint and its temporary twin, after a clean shutdown left every bucket complete.
     *
     * @param dataDir the data directory.
     * @throws IOException when a file cannot be deleted.
     */
    public static void delete(final Path dataDir) throws IOException
    {
        Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        Files.deleteIfExists(dataDir.resolve(TMP_FILE_NAME));
    }

    /**
     * Start-up recovery: cuts the torn tail off every bucket the checkpoint lists, only past its offset (bytes
     * this node wrote after that checkpoint), after copying the file as found aside ({@link Quarantine}). A bucket
     * that cannot be read, copied or cut is logged and left as it is, and the other buckets are recovered: its
     * first append checks it again.
     *
     * @param dataDir the data directory.
     * @param reader  a reader to check the buckets with.
     * @return every listed bucket that exists and was recovered, with the length it has now: sound up to there.
     * @throws IOException when the checkpoint cannot be read.
     */
    public static List<Entry> recover(final Path dataDir, final BucketReader reader) throws IOException
    {
        final List<Entry> sound = new ArrayList<>();
        for (final Entry entry : read(dataDir.resolve(FILE_NAME)))
        {
            final Path file = BucketLayout.bucketPath(dataDir.resolve(entry.channel()), entry.bucketStart());
            if (!Files.isRegularFile(file))
            {
                continue;
            }
            try
            {
                sound.add(new Entry(entry.channel(), entry.bucketStart(), recover(file, entry, reader)));
            }
            catch (final IOException ex)
            {
                LOG.log(System.Logger.Level.ERROR, "recovery: bucket {0} left as it is, to be checked again before " +
                    "it is next appended to: {1}", file, ex.toString());
            }
        }
        return sound;
    }

    private static long recover(final Path file, final Entry entry, final BucketReader reader) throws IOException
    {
        final long offset = entry.offset();
        final long size = Files.size(file);
        long end = size;
        if (size < BucketFormat.HEADER_LENGTH)
        {
            end = 0;
        }
        else if (size > offset)
        {
            end = Math.max(BucketTail.soundEnd(reader, file, offset, BucketLayout.bucketStart(entry.bucketStart())),
                Math.min(offset, size));
            if (offset < BucketFormat.HEADER_LENGTH && end <= BucketFormat.HEADER_LENGTH)
            {
                end = soundHeaderOnly(reader, file) ? BucketFormat.HEADER_LENGTH : 0;
            }
        }
        if (end < size)
        {
            final Path copy = Quarantine.copy(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                channel.truncate(end);
                channel.force(true);
            }
            LOG.log(System.Logger.Level.WARNING, "recovery: bucket {0} cut from {1,number,#} to {2,number,#} bytes " +
                "(checkpoint {3,number,#}); the file as found is kept in {4}", file, size, end, offset, copy);
        }
        return end;
    }

    private static boolean soundHeaderOnly(final BucketReader reader, final Path file) throws IOException
    {
        if (!reader.open(file))
        {
            return false;
        }
        try
        {
            return reader.format() != BucketFormat.LEGACY;
        }
        finally
        {
            reader.close();
        }
    }

    static void forceDirectory(final Path dir) throws IOException
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
    }
}
