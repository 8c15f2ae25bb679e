package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;
import org.swarmjvm.node.storage.ChannelRegistry;
import org.swarmjvm.protocol.codec.ChannelName;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.support.launch.DataFolder;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.MappedByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Every channel of the node and the files they live in: the storage engine, independent of networking.
 * Single-threaded: the node's request loop is its only user.
 * <p>
 * Files in the data directory: the original's {@code <storage>.rq} ring dumps, {@code overflow.dat} and
 * {@code ofchannels.csv}, read at start and written at clean shutdown exactly as the original does (spec §4);
 * and, when crash safety is on, one memory-mapped ring file per storage in {@code rings/} (see
 * {@link StorageFileDescriptor}). Ring files exist only while the node runs or after it died: a clean shutdown
 * dumps every ring to {@code .rq}, writes the index and deletes them, so the original node can take over the
 * directory. After a crash the ring files, holding both ring contents and overflow chain positions, are the
 * truth: they win over any {@code .rq} or index line of the same storage. Beside them {@code overflow.chains}
 * keeps each chain's storage and head, so that the disk records of a storage whose ring file header is damaged
 * are still served (see {@link OverflowChainDescriptor}).
 * <p>
 * Damage costs only what it destroyed: a damaged dump or ring file serves the records before the damage, is moved
 * to the {@link Quarantine} (never deleted) with an ERROR line naming the file and offset, and every other file
 * loads as usual.
 */
public final class QueueStore implements AutoCloseable
{
    /** Sub-directory of the ring files. */
    public static final String RING_DIRECTORY = "rings";
    /** Sub-directory of the lease journals, see {@link LeaseJournalDescriptor}. */
    public static final String LEASE_DIRECTORY = "leases";
    /** Sub-directory where damaged files are kept, see {@link Quarantine}. */
    public static final String QUARANTINE_DIRECTORY = "quarantine";
    /** Suffix of a ring file. */
    public static final String RING_SUFFIX = ".ring";
    /** Suffix of a ring file being created. */
    public static final String TEMPORARY_SUFFIX = ".tmp";
    /** Longest file name the file systems in use accept. */
    public static final int MAX_FILE_NAME_LENGTH = 255;

    private static final System.Logger LOG = System.getLogger(QueueStore.class.getName());

    private final Path dataDirectory;
    private final Path ringDirectory;
    private final ChannelSizes sizes;
    private final Channel.StorageFactory factory = this::newStorage;
    /** Channels by name; a new one starts without storage (the caller adds a plain or subscriber storage). */
    private final ChannelRegistry<Channel> channels = new ChannelRegistry<>(name -> new Channel(name, factory));
    private final Quarantine quarantine;
    private final LeaseSettings leaseSettings;
    /** Pushes refused for ring pages or disk-overflow room the disk cannot hold, logged once per outage. */
    private final DiskFullOutage diskFullOutage = new DiskFullOutage();
    private final PushOrder pushOrder = new PushOrder();
    /** Takes answered Error since a lease journal last failed to be made, see {@link #leases}. */
    private long refusedTakes;
    /** The channels that have a lease table, for the expiry timer. */
    private final ArrayList<Channel> leasing = new ArrayList<>();
    private DiskOverflow disk;
    private long nextSequence = 1;
    private boolean startingUp;

    /**
     * @param dataDirectory where the files live; created if missing.
     * @param sizes         ring capacity per channel.
     * @param crashSafe     true to back every ring by a memory-mapped file that survives the process being
     *                      killed; false to keep rings in memory only, as the original did.
     */
    public QueueStore(final Path dataDirectory, final ChannelSizes sizes, final boolean crashSafe)
    {
        this(dataDirectory, sizes, crashSafe, LeaseSettings.DEFAULTS);
    }

    /**
     * @param dataDirectory where the files live; created if missing.
     * @param sizes         ring capacity per channel.
     * @param crashSafe     as above; lease journals are memory-mapped files either way.
     * @param leaseSettings how leased delivery behaves.
     */
    public QueueStore(final Path dataDirectory, final ChannelSizes sizes, final boolean crashSafe,
        final LeaseSettings leaseSettings)
    {
        this.dataDirectory = dataDirectory;
        this.ringDirectory = crashSafe ? dataDirectory.resolve(RING_DIRECTORY) : null;
        this.sizes = sizes;
        this.quarantine = new Quarantine(dataDirectory);
        this.leaseSettings = leaseSettings;
    }

    /**
     * The start-up sequence (spec §4.4, plus crash recovery): recover ring files, read and check the overflow
     * index, load the {@code .rq} dumps, create the storages the index lists without a dump, then delete the
     * loaded dumps.
     *
     * @return this store.
     * @throws QueueStorageException when a file is inconsistent in a way the original also refuses to start with.
     */
    public QueueStore open()
    {
        startingUp = true;
        try
        {
            Files.createDirectories(dataDirectory);
            checkWritable(dataDirectory);
            if (null != ringDirectory)
            {
                Files.createDirectories(ringDirectory);
            }
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot create data directory " + dataDirectory + ": " + ex, ex);
        }
        disk = new DiskOverflow(dataDirectory, null != ringDirectory, diskFullOutage);
        final Map<Long, String> damagedRings = new HashMap<>();
        final Set<String> recovered = recoverRingFiles(damagedRings);
        final Map<String, OverflowChannel> index = disk.readIndex();
        final List<QueueStorage> created = new ArrayList<>();
        final List<Path> loadedDumps = new ArrayList<>();
        final Map<Path, String> damagedDumps = new LinkedHashMap<>();
        for (final Path dump : listDumps())
        {
            final String fileName = dump.getFileName().toString();
            final String name = fileName.substring(0, fileName.length() - RingDumpFile.SUFFIX.length());
            if (!StorageName.isValid(name))
            {
                LOG.log(Level.ERROR, "Ignoring dump file with an invalid name: " + dump);
                continue;
            }
            loadedDumps.add(dump);
            if (recovered.contains(name))
            {
                LOG.log(Level.INFO, "Dump file " + dump + " was loaded before the last crash; its ring file wins");
                continue;
            }
            LOG.log(Level.INFO, "Loading file " + dump);
            final QueueStorage storage = addStorage(name);
            backForLoading(storage, (int)Math.min(sizeOf(dump), storage.ring().capacity()));
            final RingDumpFile.Damage damage = RingDumpFile.load(dump, storage.ring());
            if (null != damage)
            {
                damagedDumps.put(dump, "Damaged dump " + dump + " at offset " + damage.offset() + ": " +
                    damage.problem() + "; its " + damage.loaded() + " records before the damage are served");
            }
            attachIndexed(storage, index.remove(name));
            created.add(storage);
        }
        for (final Map.Entry<String, OverflowChannel> entry : index.entrySet())
        {
            if (recovered.contains(entry.getKey()))
            {
                continue;
            }
            final QueueStorage storage = addStorage(entry.getKey());
            attachIndexed(storage, entry.getValue());
            created.add(storage);
        }
        recoverUnclaimedChains(damagedRings, created);
        for (final QueueStorage storage : created)
        {
            storage.commit();
            publish(storage);
        }
        // Only now that the records are in their storages (and ring files) may the dumps go: a crash before this
        // point loads them again.
        for (final Path dump : loadedDumps)
        {
            final String damage = damagedDumps.get(dump);
            if (null == damage)
            {
                delete(dump);
            }
            else
            {
                LOG.log(Level.ERROR, damage + "; the file is kept as " + quarantine.move(dump));
            }
        }
        if (null != ringDirectory)
        {
            disk.truncateIndex();
        }
        disk.openChains();
        startingUp = false;
        recoverLeaseJournals();
        LOG.log(Level.INFO, "Queue storage open in " + dataDirectory + ": " +
            channels.channels().size() + " channels, " +
            disk.totalRecords() + " records in the disk overflow, ring files " + (null != ringDirectory ? "on" :
            "off") + (0 == quarantine.files() ? "" : ", " + quarantine.files() + " damaged files moved to " +
            quarantine.usedFolder()));
        return this;
    }

    /**
     * Finds a channel by a name in a request buffer, allocating nothing.
     *
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return the channel, or {@code null}.
     */
    public Channel channel(final DirectBuffer buffer, final int offset, final int length)
    {
        return channels.get(buffer, offset, length);
    }

    /**
     * @param name of the channel.
     * @return the channel, or {@code null}.
     */
    public Channel channel(final String name)
    {
        return channels.get(name);
    }

    /**
     * Finds or creates a channel (a new channel has one empty plain storage).
     *
     * @param buffer holding a valid channel name.
     * @param offset of the name.
     * @param length of the name.
     * @return the channel.
     */
    public Channel getOrCreate(final DirectBuffer buffer, final int offset, final int length)
    {
        return withPlainStorage(channels.getOrCreate(buffer, offset, length));
    }

    /**
     * @param name a valid channel name.
     * @return the channel, created if missing.
     */
    public Channel getOrCreate(final String name)
    {
        return withPlainStorage(channels.getOrCreate(name));
    }

    /**
     * Removes a channel: its records in memory and on disk, its subscribers; its consumers are ended.
     *
     * @param buffer holding the name.
     * @param offset of the name.
     * @param length of the name.
     * @return true when the channel existed.
     */
    public boolean remove(final DirectBuffer buffer, final int offset, final int length)
    {
        final Channel channel = channels.get(buffer, offset, length);
        return null != channel && remove(channel.name());
    }

    /**
     * Removes a channel, as {@link #remove(DirectBuffer, int, int)}.
     *
     * @param name of the channel.
     * @return true when the channel existed.
     */
    public boolean remove(final String name)
    {
        final Channel channel = channels.remove(name);
        if (null == channel)
        {
            return false;
        }
        leasing.remove(channel);
        channel.removed();
        disk.truncateIfEmpty();
        LOG.log(Level.INFO, "Removed channel '" + channel.name() + "'");
        return true;
    }

    /**
     * The channel's lease table, its journal made on first use by the blocking worker: the first call hands the
     * making to the worker and returns {@code null} with {@link Channel#isMakingLeaseJournal()} true, as do the
     * calls until it is done; the first call after that loads the journal. A journal that cannot be made (a full
     * disk) is tried again at the channel's next Take; one WARNING line names the file and the cause, and the Takes
     * refused until a journal is made again are counted in one INFO line then, not logged each.
     *
     * @param channel a channel of this store.
     * @param worker  the node's blocking worker, which runs its tasks in order.
     * @return the table, or {@code null} while its journal is being made, when the channel's dead-letter channel
     * would have a name too long, or when its journal could not be made.
     */
    public LeaseTable leases(final Channel channel, final Executor worker)
    {
        final LeaseTable existing = channel.leases();
        if (null != existing)
        {
            return existing;
        }
        if (channel.name().length() + leaseSettings.deadLetterSuffix().length() > QueueConst.MAX_CHANNEL_NAME_LENGTH)
        {
            return null;
        }
        final LeaseJournalMaking making = channel.journalMaking();
        if (null == making)
        {
            channel.journalMaking(LeaseJournalMaking.start(dataDirectory.resolve(LEASE_DIRECTORY)
                .resolve(channel.name() + LeaseJournalDescriptor.SUFFIX), leaseSettings.journalLength(), worker));
            return null;
        }
        if (!making.isDone())
        {
            return null;
        }
        channel.journalMaking(null);
        try
        {
            final LeaseTable made = openLeases(channel, making.file(), making.memory());
            if (refusedTakes > 0)
            {
                LOG.log(Level.INFO, "Lease journal of '" + channel.name() + "' made; " + refusedTakes +
                    " Takes were answered Error while lease journals could not be made");
                refusedTakes = 0;
            }
            return made;
        }
        catch (final QueueStorageException ex)
        {
            if (0 == refusedTakes++)
            {
                LOG.log(Level.WARNING, "Take on '" + channel.name() + "' answered Error: " + ex.getMessage() +
                    "; the channel's records stay, its Takes try again");
            }
            return null;
        }
    }

    /**
     * Gives back the records whose lease ended, in every channel.
     *
     * @param nowNanos on {@link System#nanoTime()}.
     * @return records given back or dead-lettered.
     */
    public int expireLeases(final long nowNanos)
    {
        final ArrayList<Channel> leasing = this.leasing;
        int expired = 0;
        for (int i = 0, size = leasing.size(); i < size; i++)
        {
            expired += leasing.get(i).leases().expire(nowNanos);
        }
        return expired;
    }

    private LeaseTable openLeases(final Channel channel, final Path file, final MappedByteBuffer memory)
    {
        final String deadLetterChannel = channel.name() + leaseSettings.deadLetterSuffix();
        final LeaseTable table = LeaseTable.load(file, memory, leaseSettings.maxDeliveries(),
            (buffer, offset, length) -> getOrCreate(deadLetterChannel).push(buffer, offset, length));
        channel.leases(table);
        leasing.add(channel);
        return table;
    }

    private void recoverLeaseJournals()
    {
        final Path directory = dataDirectory.resolve(LEASE_DIRECTORY);
        if (!Files.isDirectory(directory))
        {
            return;
        }
        final List<Path> journals = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + LeaseJournalDescriptor.SUFFIX))
        {
            stream.forEach(journals::add);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot list " + directory, ex);
        }
        for (final Path journal : journals)
        {
            final String fileName = journal.getFileName().toString();
            final String name = fileName.substring(0, fileName.length() - LeaseJournalDescriptor.SUFFIX.length());
            if (!ChannelName.isValid(name, QueueConst.MAX_CHANNEL_NAME_LENGTH))
            {
                LOG.log(Level.ERROR, "Ignoring lease journal with an invalid name: " + journal);
                continue;
            }
            final Channel channel = getOrCreate(name);
            try
            {
                openLeases(channel, journal, LeaseTable.map(journal, leaseSettings.journalLength()));
            }
            catch (final DamagedFileException ex)
            {
                LOG.log(Level.ERROR, "Damaged lease journal " + journal + " at offset " + ex.offset() + ": " +
                    ex.getMessage() + "; its leased records cannot be trusted, the file is kept as " +
                    quarantine.move(journal));
            }
        }
    }

    /**
     * @return every channel, in no particular order; a live view that other threads (the stats line) may
     * iterate too.
     */
    public Collection<Channel> channels()
    {
        return Collections.unmodifiableCollection(channels.channels());
    }

    /**
     * @return the disk overflow.
     */
    public DiskOverflow diskOverflow()
    {
        return disk;
    }

    /**
     * The clean shutdown sequence (spec §4.4): write the overflow index (or delete both overflow files when no
     * record is on disk), dump every non-empty ring to {@code <storage>.rq}, and delete the ring files.
     * <p>
     * Every storage is tried, whatever happened to the others, and a failed write is tried once more. A storage
     * whose dump (or, for its disk records, the index) could not be written keeps its ring file when crash safety
     * is on, so the next start serves its records from there, and its old files are left as they were; each such
     * storage is logged with the file and the cause, and the close then throws.
     *
     * @throws QueueStorageException naming every storage whose records could not be written to the original's
     *                               files.
     */
    @Override
    public void close()
    {
        if (null == disk)
        {
            return;
        }
        final Map<String, OverflowChannel> byName = new LinkedHashMap<>();
        for (final Channel channel : channels.channels())
        {
            for (final QueueStorage storage : channel.storages())
            {
                byName.put(storage.name(), storage.overflow());
            }
        }
        final String indexFailure = attempt(() -> disk.writeIndex(byName));
        final List<String> failed = new ArrayList<>();
        for (final Channel channel : leasing)
        {
            channel.leases().close();
        }
        leasing.clear();
        for (final Channel channel : List.copyOf(channels.channels()))
        {
            for (final QueueStorage storage : channel.storages())
            {
                if (!closeStorage(storage, indexFailure))
                {
                    failed.add(storage.name());
                }
            }
            channels.remove(channel.name());
        }
        if (failed.isEmpty())
        {
            disk.deleteChains();
        }
        disk.close();
        disk = null;
        if (!failed.isEmpty())
        {
            throw new QueueStorageException("Queue storage closed, but the records of " + failed.size() +
                " storages could not be written to their files: " + String.join(", ", failed) +
                (null != ringDirectory ? " (their ring files keep them for the next start)" : " (lost)"));
        }
        LOG.log(Level.INFO, "Queue storage closed");
    }

    /**
     * @return true when the storage's records are in the original's files (or it had none).
     */
    private boolean closeStorage(final QueueStorage storage, final String indexFailure)
    {
        final Ring ring = storage.ring();
        final String dumpName = storage.name() + RingDumpFile.SUFFIX;
        if (!storage.overflow().isEmpty())
        {
            LOG.log(Level.INFO, "Closing -- '" + storage.name() + "' keeps " + storage.overflow().records() +
                " records in the disk overflow");
        }
        String failure = null;
        storage.cutDamagedRing();
        if (!ring.isEmpty())
        {
            final Path dump = dataDirectory.resolve(dumpName);
            if (storage.name().length() > StorageName.MAX_LENGTH)
            {
                failure = "its name of " + storage.name().length() + " bytes is too long for a dump file";
            }
            else
            {
                LOG.log(Level.INFO, "Closing -- saving in file " + dump + " " + ring.items() + " records");
                failure = attempt(() -> RingDumpFile.write(ring, dump));
            }
        }
        if (null == failure && !storage.overflow().isEmpty())
        {
            failure = indexFailure;
        }
        if (null == failure)
        {
            storage.file().delete();
            return true;
        }
        final Path ringFile = storage.file().path();
        if (null != ringFile)
        {
            LOG.log(Level.ERROR, "Closing -- '" + storage.name() + "' not written: " + failure + "; its " +
                storage.records() + " records stay in the ring file " + ringFile + " and are served after the " +
                "next start");
            storage.file().close();
        }
        else
        {
            LOG.log(Level.ERROR, "Closing -- '" + storage.name() + "' not written: " + failure + "; its " +
                storage.records() + " records are lost (crash_safe is off: no ring file)");
            storage.file().delete();
        }
        return false;
    }

    /**
     * Runs a shutdown write, and once more when it fails (a transient error should not cost the records).
     *
     * @return {@code null} when it succeeded, else what failed.
     */
    private static String attempt(final Runnable write)
    {
        try
        {
            write.run();
            return null;
        }
        catch (final QueueStorageException first)
        {
            try
            {
                write.run();
                return null;
            }
            catch (final QueueStorageException second)
            {
                return second.getMessage() + " (tried twice)";
            }
        }
    }

    /**
     * @return the line of the pushes that wait, shared by every protocol's requests.
     */
    PushOrder pushOrder()
    {
        return pushOrder;
    }

    /**
     * Refuses a push to a channel whose ring file could not be created, logged as one of the pushes refused while
     * the disk is full.
     *
     * @param channel the name.
     * @param failure what {@link #getOrCreate} threw.
     */
    void refusedCreation(final String channel, final QueueStorageException failure)
    {
        diskFullOutage.refused(channel, failure.getMessage());
    }

    /**
     * @throws QueueStorageException when the channel is new and its ring file cannot be created (a full disk): the
     *                               channel is then not created.
     */
    private Channel withPlainStorage(final Channel channel)
    {
        if (channel.storages().isEmpty())
        {
            try
            {
                channel.add(newStorage(channel.name(), null));
            }
            catch (final QueueStorageException ex)
            {
                channels.remove(channel.name());
                throw ex;
            }
        }
        return channel;
    }

    private QueueStorage addStorage(final String storageName)
    {
        final Channel channel = channels.getOrCreate(StorageName.channelOf(storageName));
        final QueueStorage storage = newStorage(channel.name(), StorageName.subscriberOf(storageName));
        channel.add(storage);
        return storage;
    }

    private QueueStorage newStorage(final String channel, final String subscriber)
    {
        final int capacity = sizes.capacityOf(channel);
        final StorageFile file;
        if (null == ringDirectory)
        {
            file = StorageFile.allocate(channel, capacity);
        }
        else
        {
            final long sequence = nextSequence++;
            final String fileName = String.format("%016x", sequence) + RING_SUFFIX;
            file = StorageFile.create(
                ringDirectory.resolve(startingUp ? fileName + TEMPORARY_SUFFIX : fileName), sequence, channel,
                capacity);
        }
        final OverflowChannel overflow = new OverflowChannel();
        final QueueStorage storage = new QueueStorage(file, disk, overflow, null, diskFullOutage);
        // The first pages with the file, as its header: a channel's first pushes need not wait for the worker.
        final IOException unbacked = storage.backing().backNow(1);
        if (null != unbacked)
        {
            file.delete();
            throw new QueueStorageException("cannot create ring file " + file.path() + ": " + unbacked.getMessage(),
                unbacked);
        }
        disk.register(overflow);
        if (null != subscriber)
        {
            storage.renameToSubscriber(subscriber);
        }
        return storage;
    }

    private void attachIndexed(final QueueStorage storage, final OverflowChannel indexed)
    {
        if (null != indexed)
        {
            final OverflowChannel overflow = storage.overflow();
            disk.unregister(overflow);
            overflow.set(indexed.id, indexed.firstOffset, indexed.lastOffset, indexed.records, indexed.bytes);
            disk.register(overflow);
        }
    }

    private void publish(final QueueStorage storage)
    {
        final Path path = storage.file().path();
        if (null != path && path.getFileName().toString().endsWith(TEMPORARY_SUFFIX))
        {
            final String name = path.getFileName().toString();
            storage.file().renameTo(path.resolveSibling(name.substring(0, name.length() - TEMPORARY_SUFFIX.length())));
        }
    }

    /**
     * @param damagedRings receives, for each ring file whose header cannot be trusted (quarantined), by the sequence
     *                     number its name gives, the ERROR line to log once its disk records are looked for.
     */
    private Set<String> recoverRingFiles(final Map<Long, String> damagedRings)
    {
        final Set<String> recovered = new HashSet<>();
        final Path directory = null != ringDirectory ? ringDirectory : dataDirectory.resolve(RING_DIRECTORY);
        if (!Files.isDirectory(directory))
        {
            return recovered;
        }
        final Map<String, StorageFile> newest = new HashMap<>();
        final Map<String, String> subscribers = new HashMap<>();
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory))
        {
            stream.forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot list " + directory, ex);
        }
        for (final Path path : files)
        {
            final String fileName = path.getFileName().toString();
            if (!fileName.endsWith(RING_SUFFIX))
            {
                LOG.log(Level.WARNING, "Deleting unfinished ring file " + path);
                delete(path);
                continue;
            }
            final StorageFile file;
            try
            {
                file = StorageFile.open(path);
            }
            catch (final DamagedFileException ex)
            {
                damagedRings.put(sequenceOf(fileName), "Damaged ring file " + path + " at offset " + ex.offset() +
                    ": " + ex.getMessage() + "; none of its ring records can be trusted, the file is kept as " +
                    quarantine.move(path));
                continue;
            }
            if (null == file)
            {
                LOG.log(Level.WARNING, "Deleting ring file " + path + ": its creation never completed, it held no " +
                    "record");
                delete(path);
                continue;
            }
            nextSequence = Math.max(nextSequence, file.sequence() + 1);
            final Ring probe = new Ring(file.data());
            final String subscriber;
            try
            {
                subscriber = file.restore(probe, new OverflowChannel());
            }
            catch (final IllegalStateException ex)
            {
                file.close();
                damagedRings.put(sequenceOf(fileName), "Damaged ring file " + path + " at offset " +
                    StorageFileDescriptor.SLOTS_OFFSET + ": " + ex.getMessage() + "; none of its ring records can " +
                    "be trusted, the file is kept as " + quarantine.move(path));
                continue;
            }
            final String name = StorageName.of(file.channel(), subscriber);
            final StorageFile other = newest.get(name);
            if (null != other && other.sequence() > file.sequence())
            {
                file.delete();
                continue;
            }
            if (null != other)
            {
                other.delete();
            }
            newest.put(name, file);
            subscribers.put(name, subscriber);
        }
        for (final Map.Entry<String, StorageFile> entry : newest.entrySet())
        {
            final String name = entry.getKey();
            final QueueStorage storage = adopt(entry.getValue(), subscribers.get(name));
            recovered.add(name);
            LOG.log(Level.INFO, "Recovered '" + name + "' from its ring file: " + storage.ring().items() +
                " records in memory, " + storage.overflow().records() + " on disk");
        }
        return recovered;
    }

    /**
     * Serves again the disk records of storages whose ring file header was damaged (or whose ring file is gone),
     * found through {@code overflow.chains}; logs one ERROR line per damaged ring file saying what was kept aside
     * and what is served.
     */
    private void recoverUnclaimedChains(final Map<Long, String> damagedRings, final List<QueueStorage> created)
    {
        final List<String> problems = new ArrayList<>();
        for (final DiskOverflow.Unclaimed unclaimed : disk.unclaimedChains(problems))
        {
            final OverflowChannel chain = unclaimed.chain();
            final String damage = damagedRings.remove(unclaimed.ringSequence());
            final String ringFile = null != damage ? damage : "The ring file " + ringDirectory.resolve(
                String.format("%016x", unclaimed.ringSequence()) + RING_SUFFIX) + " of '" + unclaimed.storage() +
                "' is gone";
            if (chain.isEmpty())
            {
                if (null != damage || null != unclaimed.problem())
                {
                    LOG.log(Level.ERROR, ringFile + "; '" + unclaimed.storage() + "' had no records in the disk " +
                        "overflow" + (null == unclaimed.problem() ? "" : " that can be found: " + unclaimed.problem()));
                }
                continue;
            }
            final Channel channel = channels.get(StorageName.channelOf(unclaimed.storage()));
            final String subscriber = StorageName.subscriberOf(unclaimed.storage());
            QueueStorage storage = null == channel ? null :
                null == subscriber ? channel.plainStorage() : channel.storage(subscriber);
            if (null != storage && !storage.overflow().isEmpty())
            {
                LOG.log(Level.ERROR, ringFile + "; the " + chain.records() + " records of '" + unclaimed.storage() +
                    "' in the disk overflow are not served: a storage of that name has records on disk of its " +
                    "own; they stay in " + DiskOverflow.DATA_FILE + " until it is emptied");
                continue;
            }
            if (null == storage)
            {
                storage = addStorage(unclaimed.storage());
            }
            attachIndexed(storage, chain);
            if (!created.contains(storage))
            {
                created.add(storage);
            }
            LOG.log(Level.ERROR, ringFile + "; its " + chain.records() + " records in the disk overflow (" +
                chain.bytes() + " bytes) are served again as '" + unclaimed.storage() + "', found through " +
                OverflowChainsFile.FILE + (null == unclaimed.problem() ? "" :
                "; the chain ends early: " + unclaimed.problem()));
        }
        for (final String damage : damagedRings.values())
        {
            LOG.log(Level.ERROR, damage);
        }
        for (final String problem : problems)
        {
            LOG.log(Level.WARNING, "Ignoring " + problem);
        }
    }

    /**
     * @return the sequence number a ring file's name gives, -1 when it is not one the node wrote.
     */
    private static long sequenceOf(final String ringFileName)
    {
        try
        {
            return Long.parseUnsignedLong(ringFileName.substring(0, ringFileName.length() - RING_SUFFIX.length()), 16);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private QueueStorage adopt(final StorageFile file, final String subscriber)
    {
        final OverflowChannel overflow = new OverflowChannel();
        final Ring old = new Ring(file.data());
        file.restore(old, overflow);
        final String name = StorageName.of(file.channel(), subscriber);
        final int itemsBefore = old.items();
        final int damagedAt = old.cutAtDamage(file.dataLength());
        final boolean damaged = damagedAt >= 0 || file.isCutShort();
        final String damage = !damaged ? null : "Damaged ring file " + file.path() + " of '" + name +
            "' at offset " + (StorageFileDescriptor.dataOffset(file.channel().length()) +
            (damagedAt >= 0 ? damagedAt : file.dataLength())) + (file.isCutShort() ? " (cut short, " +
            file.dataLength() + " of its " + file.capacity() + " ring bytes left)" :
            " (a record length out of bounds)") +
            ": its " + old.items() + " records before the damage are served, " + (itemsBefore - old.items()) +
            " after it are not";
        final String problem = disk.check(overflow);
        if (null != problem)
        {
            LOG.log(Level.ERROR, "Dropping the " + overflow.records() + " disk records of '" + name + "': " + problem);
            overflow.clearRecords();
        }
        final int capacity = sizes.capacityOf(file.channel());
        final Channel channel = channels.getOrCreate(file.channel());
        final QueueStorage storage;
        if (null != ringDirectory && capacity == file.capacity() && !damaged)
        {
            storage = new QueueStorage(file, disk, overflow, null, diskFullOutage);
            storage.ring().restore(old.readFrom(), old.writeTo(), old.gap(), old.items());
            storage.backing().written(old.gap());
            storage.restoredSubscriber(subscriber);
            disk.register(overflow);
        }
        else
        {
            if (old.usedSpace() > capacity)
            {
                throw new QueueStorageException("ring file " + file.path() + " holds " + old.usedSpace() +
                    " bytes, more than the configured ring size " + capacity + " of channel '" + file.channel() +
                    "'");
            }
            storage = newStorage(file.channel(), subscriber);
            backForLoading(storage, (int)old.usedSpace());
            old.forEach((buffer, offset, length) -> storage.ring().push(buffer, offset, length));
            attachIndexed(storage, overflow);
            storage.commit();
            publish(storage);
            if (damaged)
            {
                file.close();
                LOG.log(Level.ERROR, damage + "; the file is kept as " + quarantine.move(file.path()));
            }
            else
            {
                file.delete();
            }
        }
        channel.add(storage);
        return storage;
    }

    private List<Path> listDumps()
    {
        final List<Path> dumps = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dataDirectory))
        {
            for (final Path path : stream)
            {
                final String fileName = path.getFileName().toString();
                if (fileName.endsWith(RingDumpFile.SUFFIX) && Files.isRegularFile(path))
                {
                    dumps.add(path);
                }
                else if (!fileName.equals(DiskOverflow.DATA_FILE) && !fileName.equals(DiskOverflow.INDEX_FILE) &&
                    !fileName.equals(OverflowChainsFile.FILE) &&
                    !fileName.equals(RING_DIRECTORY) && !fileName.equals(QUARANTINE_DIRECTORY) &&
                    !fileName.equals(LEASE_DIRECTORY) &&
                    !DataFolder.isLockFile(fileName))
                {
                    LOG.log(Level.WARNING, "Ignoring " + path + " in the data directory");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot list " + dataDirectory, ex);
        }
        return dumps;
    }

    /**
     * Refuses to start on a data directory the node could not write its files to at shutdown.
     */
    private static void checkWritable(final Path directory)
    {
        try
        {
            DataFolder.checkWritable(directory);
        }
        catch (final DataFolder.UnusableException ex)
        {
            throw new QueueStorageException(ex.getMessage(), ex);
        }
    }

    /**
     * Backs the pages of a new storage's ring file that a start-up load writes, so that a full disk stops the start
     * with a line naming the file instead of killing the process (see {@link RingBacking}).
     */
    private static void backForLoading(final QueueStorage storage, final int bytes)
    {
        final IOException failure = storage.backing().backNow(bytes);
        if (null != failure)
        {
            throw new QueueStorageException("cannot back the " + bytes + " bytes to be loaded into ring file " +
                storage.file().path() + " of '" + storage.name() + "': " + failure.getMessage(), failure);
        }
    }

    private static long sizeOf(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot read " + file, ex);
        }
    }

    private static void delete(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new QueueStorageException("cannot delete " + path, ex);
        }
    }
}
