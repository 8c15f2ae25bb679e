package org.swarmjvm.dht.dump;

import org.swarmjvm.protocol.dht.client.DhtClient;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A Put and Remove load on one channel that notes when each request was sent and acknowledged, and checks what a
 * node holds after a crash against it: every record whose Put was acked more than the loss bound before the crash
 * (and no Remove of it sent before the crash) is there with its value, and every record whose Remove was acked
 * that long before is not. Keys are 0, 1, 2, ... each put once, its value derived from the key; every eighth
 * request removes a random earlier key.
 */
final class AckJournal
{
    /** Records acked longer than this before a crash must survive it. */
    static final long LOSS_BOUND_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int VALUE_LENGTH = 16;

    private final String channel;
    private final AtomicLongArray putAcked;
    private final AtomicLongArray removeSent;
    private final AtomicLongArray removeAcked;
    private final Random random;
    private final long pauseNanos;
    private volatile long nextKey;

    /**
     * @param channel      to load.
     * @param capacity     most keys put over the journal's life.
     * @param seed         of the removals' choice.
     * @param requestsPerS pace of the load.
     */
    AckJournal(final String channel, final int capacity, final long seed, final int requestsPerS)
    {
        this.channel = channel;
        this.putAcked = new AtomicLongArray(capacity);
        this.removeSent = new AtomicLongArray(capacity);
        this.removeAcked = new AtomicLongArray(capacity);
        this.random = new Random(seed);
        this.pauseNanos = TimeUnit.SECONDS.toNanos(1) / requestsPerS;
    }

    /**
     * Loads the channel until the client fails (the node was killed) or {@code running} says stop.
     *
     * @param client  connected to the node.
     * @param running polled between requests.
     */
    void run(final DhtClient client, final java.util.function.BooleanSupplier running)
    {
        long next = System.nanoTime();
        try
        {
            while (running.getAsBoolean() && nextKey < putAcked.length())
            {
                final long key = nextKey;
                if (0 == key % 8 && key > 0)
                {
                    final int victim = random.nextInt((int)key);
                    if (0 == removeSent.get(victim) && 0 != putAcked.get(victim))
                    {
                        removeSent.set(victim, System.nanoTime());
                        client.remove(channel, victim);
                        removeAcked.set(victim, System.nanoTime());
                    }
                }
                client.put(channel, key, value(key));
                putAcked.set((int)key, System.nanoTime());
                nextKey++;
                next += pauseNanos;
                final long ahead = next - System.nanoTime();
                if (ahead > 0)
                {
                    LockSupport.parkNanos(ahead);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            // The node is gone: the requests in flight are neither acked nor failed, as for any client.
            return;
        }
    }

    /**
     * Checks what survived a crash. Requests acked within the loss bound of the crash (or in flight) may or may
     * not have survived: when the node itself crashed, what became of them is taken as the new truth, since what it
     * lost stays lost (a record lost is not expected at later checks, a removal lost makes the record live again).
     *
     * @param crashNanos  when the node or dht-dump was killed.
     * @param held        what the node holds after loading the dump folder.
     * @param nodeCrashed true when the node was killed (its records are what it loaded), false when only dht-dump
     *                    was (the node keeps every record, whatever the folder holds).
     * @param wrong       receives the first few keys wrong.
     * @return {records checked, records lost or resurrected}.
     */
    long[] check(final long crashNanos, final Map<Long, byte[]> held, final boolean nodeCrashed,
        final StringBuilder wrong)
    {
        final long bound = crashNanos - LOSS_BOUND_NANOS;
        long checked = 0;
        long lost = 0;
        for (int key = 0; key < nextKey; key++)
        {
            final long acked = putAcked.get(key);
            final long removedAck = removeAcked.get(key);
            final long removedSent = removeSent.get(key);
            final boolean present = held.containsKey((long)key);
            if (0 != removedAck && removedAck - bound < 0)
            {
                checked++;
                if (present)
                {
                    lost++;
                    note(wrong, key, "removed, but back");
                }
            }
            else if (0 != removedSent)
            {
                // Removed within the bound, or in flight: either outcome holds.
                if (nodeCrashed && present)
                {
                    removeSent.set(key, 0);
                    removeAcked.set(key, 0);
                }
                else if (nodeCrashed)
                {
                    removeAcked.set(key, bound);
                }
            }
            else if (0 != acked && acked - bound < 0)
            {
                checked++;
                if (!Arrays.equals(value(key), held.get((long)key)))
                {
                    lost++;
                    note(wrong, key, present ? "wrong value" : "missing");
                }
            }
            else if (0 != acked && nodeCrashed && !present)
            {
                // Acked within the bound and lost with the node: not expected from now on.
                putAcked.set(key, 0);
            }
        }
        return new long[] {checked, lost};
    }

    /**
     * @return keys put so far.
     */
    long puts()
    {
        return nextKey;
    }

    static byte[] value(final long key)
    {
        return ByteBuffer.allocate(VALUE_LENGTH).order(ByteOrder.LITTLE_ENDIAN).putLong(key).putLong(key * 31)
            .array();
    }

    private static void note(final StringBuilder wrong, final int key, final String what)
    {
        if (wrong.length() < 500)
        {
            wrong.append(key).append(' ').append(what).append("; ");
        }
    }
}
