package org.swarmjvm.logfiles.node.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The log line a scan writes for a damaged bucket file, at most once per file every ten minutes: any client can
 * scan a channel as often as it likes, and a line per scan would bury the log. A scan changes nothing in the
 * file; the copy and the cut, if any, come with the first append ({@link BucketTail#prepareForAppend}).
 */
final class DamageLog
{
    private static final System.Logger LOG = System.getLogger(DamageLog.class.getName());
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int FILES_REMEMBERED = 1024;

    private final Map<Path, Long> lastLines = new LinkedHashMap<>(16, 0.75f, true)
    {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<Path, Long> eldest)
        {
            return size() > FILES_REMEMBERED;
        }
    };

    /**
     * Logs what a reader met in a file it has finished, if it met damage and the file was not logged lately.
     *
     * @param file   the bucket file.
     * @param reader the reader, at the end of the file.
     */
    void scanned(final Path file, final BucketReader reader)
    {
        if (reader.firstDamage() < 0)
        {
            return;
        }
        final long now = System.nanoTime();
        synchronized (lastLines)
        {
            final Long last = lastLines.get(file);
            if (null != last && now - last < INTERVAL_NANOS)
            {
                return;
            }
            lastLines.put(file, now);
        }
        LOG.log(System.Logger.Level.WARNING, "bucket {0} is damaged at offset {1,number,#}: {2}; " +
            "the next such line for this file comes in ten minutes at the earliest", file, reader.firstDamage(),
            BucketReader.EndReason.END == reader.endReason() ?
                reader.skippedBytes() + " bytes skipped, the records after them are served" :
                "nothing readable after it (" + reader.endReason() + ")");
    }
}
