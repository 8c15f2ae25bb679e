package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.BucketReader;
import org.swarmjvm.logfiles.node.storage.LogfilesChannel;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.logfiles.node.storage.RecordScan;

import java.io.IOException;

/**
 * The disk side of a record stream, legacy or neo: one scan of a channel at a time, run a batch per task run, with
 * its own bucket reader. A stream that ends early or is cancelled closes the file being read.
 */
public abstract class ScanTask extends DiskTask
{
    private final BucketReader reader;
    private LogfilesChannel channel;
    private RecordFilter filter;
    private RecordScan scan;
    private volatile boolean ended;

    /**
     * @param readBufferSize bytes read from a bucket at a time.
     */
    protected ScanTask(final int readBufferSize)
    {
        this.reader = new BucketReader(readBufferSize);
    }

    /**
     * Prepares a new stream.
     *
     * @param channel to read.
     * @param filter  which values to return.
     */
    protected final void begin(final LogfilesChannel channel, final RecordFilter filter)
    {
        this.channel = channel;
        this.filter = filter;
        this.scan = null;
        this.ended = false;
    }

    /**
     * The scan under way, or a new one over {@code [lower, upper]}, unsigned, which first flushes the channel's
     * write buffers so that every record stored before is seen; called on the worker.
     *
     * @param lower smallest key, inclusive.
     * @param upper largest key, inclusive.
     * @return the scan.
     * @throws IOException when flushing fails.
     */
    protected final RecordScan scan(final long lower, final long upper) throws IOException
    {
        if (null == scan)
        {
            scan = channel.scan(lower, upper, filter, reader);
        }
        return scan;
    }

    /**
     * The scan under way has ended (it closed its file itself): the next {@link #scan} starts another.
     */
    protected final void scanEnded()
    {
        scan = null;
    }

    @Override
    protected void release()
    {
        end();
    }

    /**
     * Ends the stream early or after its last batch, releasing the file being read.
     */
    public final void end()
    {
        ended = true;
        final RecordScan toClose = scan;
        scan = null;
        channel = null;
        filter = null;
        RecordScan.closeQuietly(toClose);
    }

    /**
     * @return true when the last batch of the stream has been produced.
     */
    public final boolean isEnded()
    {
        return ended;
    }
}
