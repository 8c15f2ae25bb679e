package org.swarmjvm.protocol.neo.queue;

/**
 * Codes, versions, statuses and message types of the queue node's neo requests (dmqproto {@code common/*.d}).
 * The codes mirror the legacy command codes; only these versions are served.
 */
public final class QueueNeoRequest
{
    /** Push request code. */
    public static final int PUSH = 1;
    /** Push version served: several channels at once. */
    public static final int PUSH_VERSION = 3;
    /** Pop request code. */
    public static final int POP = 2;
    /** Pop version served. */
    public static final int POP_VERSION = 1;
    /** Consume request code. */
    public static final int CONSUME = 6;
    /** Consume version served: named subscribers, batches acknowledged by {@code Continue}. */
    public static final int CONSUME_VERSION = 4;

    /** Take request code (ours, leased delivery; the original uses 1 to 13). */
    public static final int TAKE = 20;
    /** Ack request code (ours, leased delivery). */
    public static final int ACK = 21;
    /** Nack request code (ours, leased delivery). */
    public static final int NACK = 22;
    /** Extend request code (ours, leased delivery). */
    public static final int EXTEND = 23;
    /** Version served of Take, Ack, Nack and Extend. */
    public static final int LEASE_VERSION = 0;

    /** Push answer: stored in every listed channel. */
    public static final int PUSH_PUSHED = 1;
    /** Push answer: nothing stored. */
    public static final int PUSH_ERROR = 2;

    /** Pop answer: followed in the same message by {@code ARRAY(value)}. */
    public static final int POP_POPPED = 1;
    /** Pop answer: the channel holds no record. */
    public static final int POP_EMPTY = 2;
    /** Pop answer: error. */
    public static final int POP_ERROR = 3;
    /** Pop answer: the channel has subscribers, so only Consume reads it. */
    public static final int POP_SUBSCRIBED = 4;

    /** Take answer: followed by {@code u64 lease id | u32 deliveries | ARRAY(value)}. */
    public static final int TAKE_TAKEN = 1;
    /** Take answer: the channel holds no ready record. */
    public static final int TAKE_EMPTY = 2;
    /** Take answer: bad channel name, lease out of range or storage failure; nothing taken. */
    public static final int TAKE_ERROR = 3;
    /** Take answer: the channel has subscribers, so only Consume reads it. */
    public static final int TAKE_SUBSCRIBED = 4;

    /** Ack, Nack and Extend answer: done. */
    public static final int LEASE_DONE = 1;
    /** Ack, Nack and Extend answer: no running lease of that id (never given, expired, acked or nacked). */
    public static final int LEASE_UNKNOWN = 2;
    /** Ack, Nack and Extend answer: bad channel name or lease out of range; nothing changed. */
    public static final int LEASE_ERROR = 3;

    /** The shortest lease a Take or an Extend may ask for, in milliseconds. */
    public static final long LEASE_MIN_MILLIS = 1;
    /** The longest lease a Take or an Extend may ask for, in milliseconds: one day. */
    public static final long LEASE_MAX_MILLIS = 86_400_000;

    /** Consume status: subscribed, batches follow. */
    public static final int CONSUME_STARTED = 1;
    /** Consume status: refused, the request is over. */
    public static final int CONSUME_ERROR = 2;
    /** Consume, client to node: send the next batch. */
    public static final int CONSUME_CONTINUE = 1;
    /** Consume, client to node: end the request. */
    public static final int CONSUME_STOP = 2;
    /** Consume, node to client: {@code ARRAY(batch)} of {@code u64 length | value} records follows. */
    public static final int CONSUME_RECORDS = 3;
    /** Consume, node to client: answer to {@code Stop}; the request is over. */
    public static final int CONSUME_STOPPED = 4;
    /** Consume, node to client: the channel was removed; the request is over, nothing is acknowledged. */
    public static final int CONSUME_CHANNEL_REMOVED = 5;

    /** A Consume batch is sent as soon as it holds at least this many bytes. */
    public static final int CONSUME_BATCH_SIZE = 100_000;

    private QueueNeoRequest()
    {
    }
}
