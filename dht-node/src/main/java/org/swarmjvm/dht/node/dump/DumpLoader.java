package org.swarmjvm.dht.node.dump;

import org.agrona.CloseHelper;
import org.agrona.collections.LongArrayList;
import org.swarmjvm.dht.node.storage.DhtChannel;
import org.swarmjvm.dht.node.storage.DhtStorage;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.codec.HexKey;
import org.swarmjvm.protocol.dht.DhtConst;
import org.swarmjvm.protocol.dht.tcm.ChangeLogDescriptor;
import org.swarmjvm.protocol.dht.tcm.ChangeLogReader;
import org.swarmjvm.protocol.dht.tcm.DumpDirectory;
import org.swarmjvm.protocol.dht.tcm.TcmFormatException;
import org.swarmjvm.protocol.dht.tcm.TcmReader;
import org.swarmjvm.protocol.dht.tcm.TcmWriter;
import org.swarmjvm.support.launch.DataFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads every {@code <channel>.tcm} of the data directory at start, before the node listens (dhtnode's
 * {@code DumpManager.loadChannels}).
 * <p>
 * Unlike the original, which refused to start on an empty or truncated file, a file that cannot be read to its
 * end marker is logged and renamed to {@code <file>.bad}; the records read before the fault are kept, and the
 * node starts with the other channels. Records with an empty value, a key that is neither 16 hex digits nor 8
 * raw bytes, or a value over {@code batch_size} are skipped and counted. Records outside the node's range are
 * handled per {@code allow_out_of_range}.
 * <p>
 * A channel's map is laid out for its dump (the records and value length estimated from the file's first window),
 * so a dump holding more records than {@code channel_capacity}, or longer values than {@code average_value_size},
 * loads whole; such a channel is named in one log line, and refuses new keys until it holds fewer records than its
 * capacity. Should a map still run full, that channel keeps what it loaded, its file is moved aside as a damaged
 * one (so the next dump cannot replace it with less), and the other channels load. Progress is logged every
 * {@value #PROGRESS_INTERVAL_S} s during a long load.
 * <p>
 * After the dumps, each channel's change logs {@code <channel>.tcl.<n>} (dht-dump's continuous mode) are replayed
 * in sequence order: puts, removals and clears, the first torn or damaged entry ending the channel's replay.
 */
public final class DumpLoader
{
    /** Suffix given to a dump file that could not be read. */
    public static final String BAD_SUFFIX = ".bad";

    /** Seconds between two progress lines of a long load. */
    public static final int PROGRESS_INTERVAL_S = 5;

    private static final Logger LOG = System.getLogger(DumpLoader.class.getName());
    private static final long PROGRESS_INTERVAL_NS = PROGRESS_INTERVAL_S * 1_000_000_000L;
    /** Records between two looks at the clock. */
    private static final int PROGRESS_CHECK_RECORDS = 256;
    /**
     * Threads that load one channel, each storing a share of its records (at most 4: each reads the whole file).
     */
    static final int LOAD_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    /**
     * What to do with records outside the node's range ({@code [Options_Memory] allow_out_of_range}).
     */
    public enum OutOfRange
    {
        /** Store them (the original's default). */
        LOAD,
        /** Skip them. */
        IGNORE,
        /** Refuse to start. */
        FATAL
    }

    private final DumpDirectory directory;
    private final DhtStorage storage;
    private final int batchSize;
    private final OutOfRange outOfRange;
    private final long abortAfterAllOutOfRange;
    private long recordsRead;
    private long recordsOutOfRange;

    /**
     * @param directory               holding the dumps.
     * @param storage                 to fill.
     * @param batchSize               the node's {@code batch_size}: longer values are skipped.
     * @param outOfRange              policy for records outside the range.
     * @param abortAfterAllOutOfRange refuse to start when more records than this were read and all were out of
     *                                range (0 disables).
     */
    public DumpLoader(
        final DumpDirectory directory,
        final DhtStorage storage,
        final int batchSize,
        final OutOfRange outOfRange,
        final long abortAfterAllOutOfRange)
    {
        this.directory = directory;
        this.storage = storage;
        this.batchSize = batchSize;
        this.outOfRange = outOfRange;
        this.abortAfterAllOutOfRange = abortAfterAllOutOfRange;
    }

    /**
     * Loads every dump of the directory.
     *
     * @return records loaded.
     * @throws IllegalStateException when the out-of-range policy says to refuse the start.
     */
    public long loadAll()
    {
        long loaded = 0;
        // Opened before the dumps: a dht-dump compacting meanwhile deletes the logs it folded into a dump only
        // after renaming that dump into place, so whichever dump is read, the logs held open complete it.
        final Map<String, List<Path>> changeLogs = directory.changeLogsByChannel();
        final Map<Path, FileChannel> openLogs = openAll(changeLogs);
        try
        {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.path()))
            {
                for (final Path entry : entries)
                {
                    loaded += loadEntry(entry);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot list data directory " + directory.path(), ex);
            }
            for (final Map.Entry<String, List<Path>> channel : changeLogs.entrySet())
            {
                loaded += replay(channel.getKey(), channel.getValue(), openLogs);
            }
        }
        finally
        {
            CloseHelper.closeAll(openLogs.values());
        }
        return loaded;
    }

    private static Map<Path, FileChannel> openAll(final Map<String, List<Path>> changeLogs)
    {
        final Map<Path, FileChannel> open = new HashMap<>();
        for (final List<Path> logs : changeLogs.values())
        {
            for (final Path log : logs)
            {
                try
                {
                    open.put(log, FileChannel.open(log, StandardOpenOption.READ));
                }
                catch (final IOException ex)
                {
                    // Replaying stops at this log, with a warning.
                    LOG.log(Level.DEBUG, "cannot open change log {0}: {1}", log, ex.getMessage());
                }
            }
        }
        return open;
    }

    /**
     * Replays a channel's change logs (dht-dump's continuous mode) after its dump, oldest first: puts stored under
     * the dump's rules (too large skipped, out of range per policy), removals applied, a clear drops the records
     * before it. The first torn or damaged entry stops the channel's replay with a warning; every entry before it
     * is kept. A channel whose logs end in a clear with nothing after it (removed) is not kept.
     *
     * @return records the replay added to the channel, less those it removed.
     */
    private long replay(final String name, final List<Path> logs, final Map<Path, FileChannel> openLogs)
    {
        if (!ChannelName.isValid(name, DhtConst.MAX_CHANNEL_NAME_LENGTH))
        {
            LOG.log(Level.WARNING, "ignoring the change logs of {0}: not a valid channel name", name);
            return 0;
        }
        final long start = System.nanoTime();
        final DhtChannel channel = storage.getOrCreateChannel(name);
        final long recordsBefore = channel.records();
        long puts = 0;
        long removes = 0;
        long clears = 0;
        long tooLarge = 0;
        long ignored = 0;
        boolean clearedLast = false;
        replay:
        for (final Path log : logs)
        {
            final FileChannel file = openLogs.remove(log);
            if (null == file)
            {
                LOG.log(Level.WARNING, "cannot open change log {0}: replay of channel {1} stopped there", log, name);
                break;
            }
            try (ChangeLogReader reader = ChangeLogReader.open(log, file))
            {
                while (reader.next())
                {
                    final long key = reader.key();
                    switch (reader.type())
                    {
                        case ChangeLogDescriptor.PUT:
                            if (reader.valueLength() > batchSize)
                            {
                                tooLarge++;
                                continue;
                            }
                            recordsRead++;
                            if (!storage.isResponsibleFor(key))
                            {
                                recordsOutOfRange++;
                                checkOutOfRange(log, key);
                                if (OutOfRange.IGNORE == outOfRange)
                                {
                                    ignored++;
                                    continue;
                                }
                            }
                            if (!channel.load(key, reader.valueBuffer(), reader.valueOffset(), reader.valueLength()))
                            {
                                LOG.log(Level.ERROR, "channel {0} is full replaying {1}: replay stopped after {2} " +
                                    "puts; raise [Options_Memory] channel_capacity or average_value_size", name, log,
                                    puts);
                                break replay;
                            }
                            puts++;
                            clearedLast = false;
                            break;
                        case ChangeLogDescriptor.REMOVE:
                            channel.remove(key);
                            removes++;
                            break;
                        default:
                            removeAll(channel);
                            clears++;
                            clearedLast = true;
                            break;
                    }
                }
                if (null != reader.damage())
                {
                    LOG.log(Level.WARNING, "change log {0} is torn or damaged ({1}): replay of channel {2} stopped " +
                        "there, the {3} entries before it kept", log, reader.damage(), name, puts + removes + clears);
                    break;
                }
            }
            catch (final IOException ex)
            {
                LOG.log(Level.WARNING, "cannot read change log {0} ({1}): replay of channel {2} stopped there",
                    log, ex.getMessage(), name);
                break;
            }
        }
        final long recordsAfter = channel.records();
        if (clearedLast && 0 == recordsAfter)
        {
            storage.removeChannel(name);
        }
        LOG.log(Level.INFO, "channel {0}: {1} change logs replayed in {2} ms: {3} puts, {4} removals, {5} clears " +
            "({6} too large, {7} out of range ignored skipped)", name, logs.size(),
            (System.nanoTime() - start) / 1_000_000, puts, removes, clears, tooLarge, ignored);
        return recordsAfter - recordsBefore;
    }

    private long loadEntry(final Path entry)
    {
        final String fileName = entry.getFileName().toString();
        if (Files.isDirectory(entry))
        {
            if (!DumpDirectory.DELETED_FOLDER.equals(fileName))
            {
                LOG.log(Level.WARNING, "ignoring folder {0} in the data directory", entry);
            }
            return 0;
        }
        if (fileName.endsWith(TcmWriter.TEMP_SUFFIX))
        {
            LOG.log(Level.WARNING, "ignoring unfinished dump {0}: a dump was interrupted", entry);
            return 0;
        }
        if (DumpDirectory.isChangeLog(fileName))
        {
            // Replayed after every dump is loaded.
            return 0;
        }
        if (!fileName.endsWith(TcmWriter.SUFFIX))
        {
            // dht-dump keeps older generations beside the dump, and it and the node each keep a lock file here.
            if (!fileName.endsWith(BAD_SUFFIX) && !DumpDirectory.isGeneration(fileName) &&
                !DataFolder.isLockFile(fileName))
            {
                LOG.log(Level.WARNING, "ignoring {0}: not a dump file", entry);
            }
            return 0;
        }
        final String channel = fileName.substring(0, fileName.length() - TcmWriter.SUFFIX.length());
        if (!ChannelName.isValid(channel, DhtConst.MAX_CHANNEL_NAME_LENGTH))
        {
            LOG.log(Level.WARNING, "ignoring {0}: {1} is not a valid channel name", entry, channel);
            return 0;
        }
        return loadChannel(entry, channel);
    }

    private long loadChannel(final Path file, final String name)
    {
        final long start = System.nanoTime();
        final ShareLoad[] shares = new ShareLoad[LOAD_THREADS];
        try
        {
            final TcmReader firstReader = TcmReader.open(file);
            final DhtChannel channel;
            try
            {
                channel = storage.getOrCreateChannelForDump(
                    name, firstReader.estimatedRecords(), firstReader.estimatedAverageValueLength());
            }
            catch (final RuntimeException ex)
            {
                firstReader.close();
                throw ex;
            }
            shares[0] = new ShareLoad(0, shares, firstReader, channel, name, start);
            for (int share = 1; share < LOAD_THREADS; share++)
            {
                shares[share] = new ShareLoad(share, shares, TcmReader.open(file), channel, name, start);
            }
        }
        catch (final TcmFormatException ex)
        {
            closeAll(shares);
            moveAside(file, ex.getMessage(), 0);
            return 0;
        }
        catch (final IOException ex)
        {
            closeAll(shares);
            moveAside(file, "cannot read: " + ex.getMessage(), 0);
            return 0;
        }
        final Thread[] threads = new Thread[LOAD_THREADS];
        for (int share = 1; share < LOAD_THREADS; share++)
        {
            threads[share] = new Thread(shares[share], "dump-loader-" + share);
            threads[share].start();
        }
        shares[0].run();
        long loaded = 0;
        long tooLarge = 0;
        long ignored = 0;
        boolean full = false;
        Exception failure = null;
        for (int share = 0; share < LOAD_THREADS; share++)
        {
            joinUninterruptibly(threads[share]);
            final ShareLoad load = shares[share];
            loaded += load.loaded;
            tooLarge += load.tooLarge;
            ignored += load.ignored;
            full |= load.full;
            failure = null == failure ? load.failure : failure;
        }
        closeAll(shares);
        if (failure instanceof RuntimeException)
        {
            throw (RuntimeException)failure;
        }
        if (full)
        {
            moveAside(file, "channel " + name + " is full after " + loaded + " records: raise " +
                "[Options_Memory] channel_capacity or average_value_size", loaded);
        }
        else if (failure instanceof TcmFormatException)
        {
            moveAside(file, failure.getMessage(), loaded);
        }
        else if (null != failure)
        {
            moveAside(file, "cannot read: " + failure.getMessage(), loaded);
        }
        else
        {
            final TcmReader reader = shares[0].reader;
            final DhtChannel channel = shares[0].channel;
            LOG.log(Level.INFO, "channel {0} loaded from {1}: {2} records in {3} ms ({4} invalid, {5} empty, " +
                "{6} too large, {7} out of range ignored skipped)", name, file, loaded,
                (System.nanoTime() - start) / 1_000_000, reader.invalidRecords(), reader.emptyRecords(), tooLarge,
                ignored);
            if (channel.records() > channel.capacity())
            {
                LOG.log(Level.WARNING, "channel {0} holds {1} records from its dump, more than channel_capacity " +
                    "{2}: they are all kept, and Puts of new keys are refused until it holds fewer; raise " +
                    "[Options_Memory] channel_capacity", name, channel.records(), channel.capacity());
            }
        }
        return loaded;
    }

    /**
     * Drops every record of a channel in place, keeping its map (laid out for its dump) for the records after the
     * clear.
     */
    private static void removeAll(final DhtChannel channel)
    {
        final LongArrayList keys = new LongArrayList();
        for (int segment = 0, segments = channel.segments(); segment < segments; segment++)
        {
            channel.forEachKeyInSegment(segment, keys::addLong);
        }
        for (int i = 0, size = keys.size(); i < size; i++)
        {
            channel.remove(keys.getLong(i));
        }
    }

    private static void closeAll(final ShareLoad[] shares)
    {
        for (final ShareLoad share : shares)
        {
            if (null == share)
            {
                continue;
            }
            try
            {
                share.reader.close();
            }
            catch (final IOException ex)
            {
                LOG.log(Level.WARNING, "cannot close " + share.reader.path(), ex);
            }
        }
    }

    private static void joinUninterruptibly(final Thread thread)
    {
        if (null == thread)
        {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One share of a channel's load: its own reader walks the whole file (a tenth of the time a record takes to
     * store) and stores the records of its share of the map's segments, so the threads of a load store into the map
     * at once without waiting for each other's segment locks. Share 0 runs on the loading thread and also looks at
     * every record for the out-of-range policy and the progress lines, so both see the file as one reader would.
     * A share that stops early for the map being full or a refused start stops the others; damage stops each
     * share where it lies, so every share keeps its records before it.
     */
    private final class ShareLoad implements Runnable
    {
        private final int share;
        private final ShareLoad[] shares;
        private final TcmReader reader;
        private final DhtChannel channel;
        private final String name;
        private final long start;
        private long loaded;
        private long tooLarge;
        private long ignored;
        private boolean full;
        private Exception failure;
        /** {@link #loaded} now and then, for share 0's progress lines. */
        private volatile long loadedSoFar;
        private volatile boolean stopped;

        ShareLoad(final int share, final ShareLoad[] shares, final TcmReader reader, final DhtChannel channel,
            final String name, final long start)
        {
            this.share = share;
            this.shares = shares;
            this.reader = reader;
            this.channel = channel;
            this.name = name;
            this.start = start;
        }

        @Override
        public void run()
        {
            try
            {
                load();
            }
            catch (final IOException ex)
            {
                // Every share reads up to the same damage: the others keep their records before it.
                failure = ex;
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
                stopAll();
            }
            if (full)
            {
                stopAll();
            }
        }

        private void stopAll()
        {
            for (final ShareLoad other : shares)
            {
                other.stopped = true;
            }
        }

        private void load() throws IOException
        {
            final boolean checksEveryRecord = 0 == share;
            long nextProgress = start + PROGRESS_INTERVAL_NS;
            while (!stopped && reader.next())
            {
                final long key = reader.key();
                final boolean mine = channel.segmentOf(key) % LOAD_THREADS == share;
                if (checksEveryRecord)
                {
                    recordsRead++;
                    if (0 == (recordsRead % PROGRESS_CHECK_RECORDS) && System.nanoTime() - nextProgress > 0)
                    {
                        logProgress();
                        nextProgress = System.nanoTime() + PROGRESS_INTERVAL_NS;
                    }
                }
                else if (!mine)
                {
                    continue;
                }
                if (reader.valueLength() > batchSize)
                {
                    tooLarge += mine ? 1 : 0;
                    continue;
                }
                if (!storage.isResponsibleFor(key))
                {
                    if (checksEveryRecord)
                    {
                        recordsOutOfRange++;
                        checkOutOfRange(reader.path(), key);
                    }
                    if (OutOfRange.IGNORE == outOfRange)
                    {
                        ignored += mine ? 1 : 0;
                        continue;
                    }
                }
                if (!mine)
                {
                    continue;
                }
                if (!channel.load(key, reader.valueBuffer(), reader.valueOffset(), reader.valueLength()))
                {
                    full = true;
                    return;
                }
                loaded++;
                if (0 == (loaded % PROGRESS_CHECK_RECORDS))
                {
                    loadedSoFar = loaded;
                }
            }
        }

        private void logProgress()
        {
            long loadedByAll = loaded;
            for (int other = 1; other < shares.length; other++)
            {
                loadedByAll += shares[other].loadedSoFar;
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            LOG.log(Level.INFO, "loading channel {0} from {1}: {2} records, {3} of {4} bytes ({5,number,#} %) in " +
                "{6,number,#.#} s, {7,number,#} records/s", name, reader.path(), loadedByAll, reader.position(),
                reader.fileSize(), 100.0 * reader.position() / reader.fileSize(), seconds, loadedByAll / seconds);
        }
    }

    private void checkOutOfRange(final Path file, final long key)
    {
        if (OutOfRange.FATAL == outOfRange)
        {
            throw new IllegalStateException("record " + HexKey.toString(key) + " of " + file +
                " is outside the node's range " + storage.range() + " and allow_out_of_range is fatal");
        }
        if (0 != abortAfterAllOutOfRange && recordsRead > abortAfterAllOutOfRange && recordsOutOfRange == recordsRead)
        {
            throw new IllegalStateException("all " + recordsRead + " records read so far are outside the node's " +
                "range " + storage.range() + ": is this the right data directory and range? " +
                "(abort_after_all_out_of_range)");
        }
    }

    private static void moveAside(final Path file, final String reason, final long loaded)
    {
        final Path bad = file.resolveSibling(file.getFileName() + BAD_SUFFIX);
        try
        {
            Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(Level.ERROR, "dump {0} is damaged ({1}): kept the {2} records before the damage and moved " +
                "the file to {3}", file, reason, loaded, bad);
        }
        catch (final IOException ex)
        {
            LOG.log(Level.ERROR, "dump " + file + " is damaged (" + reason + ") and cannot be moved aside", ex);
        }
    }
}
