package org.swarmjvm.protocol.neo.dht;

/**
 * Codes, versions and message types of the DHT's neo requests (dhtproto {@code common/*.d}).
 */
public final class DhtNeoRequest
{
    /** GetHashRange request code. */
    public static final int GET_HASH_RANGE = 1;
    /** Put request code. */
    public static final int PUT = 2;
    /** Get request code. */
    public static final int GET = 3;
    /** Mirror request code. */
    public static final int MIRROR = 4;
    /** GetAll request code. */
    public static final int GET_ALL = 5;
    /** GetChannels request code. */
    public static final int GET_CHANNELS = 6;
    /** Exists request code. */
    public static final int EXISTS = 7;
    /** Remove request code. */
    public static final int REMOVE = 8;
    /** RemoveChannel request code. */
    public static final int REMOVE_CHANNEL = 9;
    /** Update request code. */
    public static final int UPDATE = 10;
    /** Every DHT neo request is served in version 0. */
    public static final int VERSION = 0;
    /** Largest value the client sends, so that a record fits a 64 KiB GetAll batch. */
    public static final int MAX_RECORD_SIZE = 65_536 - 8 - 16;

    /** Put answer: stored. */
    public static final int PUT_OK = 1;
    /** Put answer: key outside the node's range. */
    public static final int PUT_WRONG_NODE = 2;
    /** Put answer: error. */
    public static final int PUT_ERROR = 3;

    /** Get answer: no record. */
    public static final int GET_NO_RECORD = 1;
    /** Get answer: found, the value follows in a second message. */
    public static final int GET_GOT = 2;
    /** Get answer: key outside the node's range. */
    public static final int GET_WRONG_NODE = 3;
    /** Get answer: error. */
    public static final int GET_ERROR = 4;

    /** Exists answer: the record exists. */
    public static final int EXISTS_RECORD_EXISTS = 1;
    /** Exists answer: no record. */
    public static final int EXISTS_NO_RECORD = 2;
    /** Exists answer: key outside the node's range. */
    public static final int EXISTS_WRONG_NODE = 3;
    /** Exists answer: error. */
    public static final int EXISTS_ERROR = 4;

    /** Remove answer: no record. */
    public static final int REMOVE_NO_RECORD = 1;
    /** Remove answer: removed. */
    public static final int REMOVE_REMOVED = 2;
    /** Remove answer: key outside the node's range. */
    public static final int REMOVE_WRONG_NODE = 3;
    /** Remove answer: error. */
    public static final int REMOVE_ERROR = 4;

    /** RemoveChannel answer: removed (or did not exist). */
    public static final int REMOVE_CHANNEL_REMOVED = 1;
    /** RemoveChannel answer: the client is not {@code admin}. */
    public static final int REMOVE_CHANNEL_NOT_PERMITTED = 2;
    /** RemoveChannel answer: error. */
    public static final int REMOVE_CHANNEL_ERROR = 3;

    /** GetChannels message: error. */
    public static final int GET_CHANNELS_ERROR = 1;
    /** GetChannels message: one channel name. */
    public static final int GET_CHANNELS_NAME = 2;
    /** GetChannels message: no more names. */
    public static final int GET_CHANNELS_FINISHED = 3;

    /** GetHashRange message: another node's address, port and range. */
    public static final int HASH_RANGE_NEW_NODE = 1;
    /** GetHashRange message: this node's range changed. */
    public static final int HASH_RANGE_CHANGED = 2;

    /** Control message (GetAll, Mirror): suspend. */
    public static final int SUSPEND = 1;
    /** Control message (GetAll, Mirror): resume. */
    public static final int RESUME = 2;
    /** Control message (GetAll, Mirror): stop. */
    public static final int STOP = 3;
    /** GetAll, Mirror: acknowledgement (both directions). */
    public static final int ACK = 4;
    /** GetAll, Mirror: started. */
    public static final int STARTED = 5;
    /** GetAll, Mirror: error. */
    public static final int STREAM_ERROR = 6;
    /** The most uncompressed bytes of a GetAll or Mirror refresh batch (swarm's {@code DefaultMaxBatchSize}). */
    public static final int BATCH_SIZE = 64 * 1024;
    /** GetAll: a record batch. */
    public static final int GET_ALL_RECORD_BATCH = 7;
    /** GetAll: the iteration is complete. */
    public static final int GET_ALL_FINISHED = 8;
    /** Mirror: a record changed. */
    public static final int MIRROR_RECORD_CHANGED = 7;
    /** Mirror: a record was deleted. */
    public static final int MIRROR_RECORD_DELETED = 8;
    /** Mirror: a batch of refreshed records. */
    public static final int MIRROR_REFRESH_BATCH = 9;
    /** Mirror: the channel was removed. */
    public static final int MIRROR_CHANNEL_REMOVED = 10;
    /** Mirror: updates were lost because the queue overflowed. */
    public static final int MIRROR_UPDATE_OVERFLOW = 11;

    /** Update message: read the record (client, first message). */
    public static final int UPDATE_GET_RECORD = 1;
    /** Update message: write the new value if the hash matches. */
    public static final int UPDATE_UPDATE_RECORD = 2;
    /** Update message: remove the record. */
    public static final int UPDATE_REMOVE_RECORD = 3;
    /** Update message: leave the record as it is. */
    public static final int UPDATE_LEAVE_RECORD = 4;
    /** Update message: the record's value. */
    public static final int UPDATE_RECORD_VALUE = 5;
    /** Update answer: done. */
    public static final int UPDATE_OK = 6;
    /** Update answer: no record. */
    public static final int UPDATE_NO_RECORD = 7;
    /** Update answer: the record changed since it was read. */
    public static final int UPDATE_CONFLICT = 8;
    /** Update answer: key outside the node's range. */
    public static final int UPDATE_WRONG_NODE = 9;
    /** Update answer: error. */
    public static final int UPDATE_ERROR = 10;

    private DhtNeoRequest()
    {
    }

    /**
     * FNV-1a 64 of bytes (ocean's {@code Fnv1a64}), the hash Update compares.
     *
     * @param buffer holding the bytes.
     * @param offset of the bytes.
     * @param length of the bytes.
     * @return the hash.
     */
    public static long fnv1a64(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++)
        {
            hash ^= buffer.getByte(offset + i) & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
