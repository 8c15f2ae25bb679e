package org.swarmjvm.protocol.queue;

/**
 * Limits of the queue protocol that both the node and the client apply.
 */
public final class QueueConst
{
    /**
     * Longest channel name accepted. The original sets no limit (names of 1000 bytes are accepted); a name travels
     * in every request and is kept by the node, so it is bounded here, far above anything a real channel uses.
     */
    public static final int MAX_CHANNEL_NAME_LENGTH = 4096;

    /**
     * Most channels in one PushMulti or ProduceMulti channel list. The original reads lists of any length; a longer
     * list here closes the connection, so a request never makes the node buffer more than this many names.
     */
    public static final int MAX_CHANNELS_PER_REQUEST = 1024;

    private QueueConst()
    {
    }
}
