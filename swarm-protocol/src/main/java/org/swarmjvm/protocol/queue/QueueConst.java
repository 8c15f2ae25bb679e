package org.swarmjvm.protocol.queue;

/**
 * Limits of the queue protocol that both the node and the client apply.
 */
public final class QueueConst
{
    /**
     * Longest channel name accepted. The original sets none, but the node names files after a channel's storages,
     * the longest being the temporary file of the default subscriber's dump, {@code @<channel>.rq.tmp}, and a
     * Linux file name stops at 255 bytes: a longer name was accepted and its records lost at shutdown. Longer
     * names get BadChannelName.
     */
    public static final int MAX_CHANNEL_NAME_LENGTH = 255 - "@".length() - ".rq.tmp".length();

    /**
     * Most channels in one PushMulti or ProduceMulti channel list. The original reads lists of any length; a longer
     * list here closes the connection, so a request never makes the node buffer more than this many names.
     */
    public static final int MAX_CHANNELS_PER_REQUEST = 1024;

    private QueueConst()
    {
    }
}
