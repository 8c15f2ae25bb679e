package org.swarmjvm.logfiles.node.request;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;

/**
 * The disk side of a Put of either protocol, with its own copy of the record: creates the channel if missing,
 * then appends (opening the bucket, flushing a full buffer). The channel is created before the key is looked at,
 * as the original's legacy Put does: a key that is not 16 hex digits leaves the new, empty channel behind.
 */
public final class AppendTask extends DiskTask
{
    private static final int INITIAL_VALUE_CAPACITY = 1024;

    private final LogfilesStorage storage;
    private final ChannelNameCopy channel = new ChannelNameCopy();
    private final ExpandableArrayBuffer value = new ExpandableArrayBuffer(INITIAL_VALUE_CAPACITY);
    private long key;
    private int valueLength;
    private volatile boolean keyValid;

    /**
     * @param storage the node's channels.
     */
    public AppendTask(final LogfilesStorage storage)
    {
        this.storage = storage;
    }

    /**
     * Copies the record, on the network thread.
     *
     * @param names         holding the channel name.
     * @param channelOffset of the name.
     * @param channelLength of the name.
     * @param keyValid      whether the key parsed; if not, only the channel is created.
     * @param key           the record's key, unused when it did not parse.
     * @param values        holding the value.
     * @param valueOffset   of the value.
     * @param length        of the value.
     */
    public void prepare(
        final DirectBuffer names, final int channelOffset, final int channelLength, final boolean keyValid,
        final long key, final DirectBuffer values, final int valueOffset, final int length)
    {
        channel.copy(names, channelOffset, channelLength);
        this.keyValid = keyValid;
        this.key = key;
        this.valueLength = length;
        value.putBytes(0, values, valueOffset, length);
    }

    @Override
    protected void work() throws Exception
    {
        storage.createChannel(channel.text());
        if (keyValid)
        {
            storage.append(channel.text(), key, value, 0, valueLength);
        }
    }

    /**
     * @return whether the key parsed (read once the task is done).
     */
    public boolean isKeyValid()
    {
        return keyValid;
    }

    /**
     * @return the channel's name.
     */
    public String channel()
    {
        return channel.text();
    }

    /**
     * @return the stored value's length.
     */
    public int valueLength()
    {
        return valueLength;
    }
}
