package org.swarmjvm.queue.node.storage;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.protocol.codec.ChannelList;
import org.swarmjvm.protocol.queue.QueueConst;
import org.swarmjvm.queue.node.storage.QueueOperations.Outcome;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue's storage rules, each outcome of each operation, over a real store in a temporary data folder,
 * without a socket: which names are channels, when a channel is created, what a push, a pop, a subscription and a
 * removal do.
 */
class QueueOperationsTest
{
    /** Runs a task at once: the rings here live in memory and need no pages backed. */
    private static final Executor WORKER = Runnable::run;
    /** A push here never waits: nothing needs waking. */
    private static final Runnable NO_WAKE_UP = () ->
    {
    };

    @TempDir
    Path dataDir;

    private QueueStore store;
    private QueueOperations operations;
    private final UnsafeBuffer popped = new UnsafeBuffer(new byte[64]);

    @BeforeEach
    void open()
    {
        store = new QueueStore(dataDir, new ChannelSizes(100_000, Map.of()), false).open();
        operations = new QueueOperations(store);
    }

    @AfterEach
    void close()
    {
        store.close();
    }

    @Test
    void aChannelNameIsAlphanumericUnderscoreOrDashAndShortEnoughForItsFiles()
    {
        assertTrue(isValid("Channel_1-a"));
        assertTrue(isValid("c".repeat(QueueConst.MAX_CHANNEL_NAME_LENGTH)));
        assertFalse(isValid(""));
        assertFalse(isValid("c".repeat(QueueConst.MAX_CHANNEL_NAME_LENGTH + 1)));
        assertFalse(isValid("a b"));
        assertFalse(isValid("a@b"), "the subscriber separator");
        assertFalse(isValid("a.rq"));
    }

    @Test
    void pushStoresTheValueInTheChannelCreatedIfMissing()
    {
        assertEquals(Outcome.OK, push("ch", "first"));
        assertEquals(Outcome.OK, push("ch", "second"));
        assertEquals(2, store.channel("ch").records());
        assertEquals("first", pop("ch", false));
    }

    @Test
    void aRefusedEmptyPushStillCreatesTheChannel()
    {
        assertEquals(Outcome.EMPTY_VALUE, push("ch", ""));
        assertNotNull(store.channel("ch"));
        assertEquals(0, store.channel("ch").records());
    }

    @Test
    void pushToAllStoresTheRecordInEveryChannelListedOnceForEachListing()
    {
        final DirectBuffer value = ascii("shared");
        assertEquals(Outcome.OK,
            operations.pushToAll(names("a", "b", "a"), value, 0, value.capacity(), WORKER, NO_WAKE_UP));
        assertEquals(2, store.channel("a").records());
        assertEquals(1, store.channel("b").records());
        assertEquals("shared", pop("b", false));
    }

    @Test
    void pushToAllChecksEveryNameThenTheValueBeforeCreatingAnyChannel()
    {
        final DirectBuffer value = ascii("v");
        assertEquals(Outcome.BAD_CHANNEL, operations.pushToAll(names("a", "b c"), ascii(""), 0, 0, WORKER, NO_WAKE_UP));
        assertEquals(Outcome.BAD_CHANNEL,
            operations.pushToAll(names("a", "b c"), value, 0, value.capacity(), WORKER, NO_WAKE_UP));
        assertEquals(Outcome.EMPTY_VALUE, operations.pushToAll(names("a", "b"), value, 0, 0, WORKER, NO_WAKE_UP));
        assertNull(store.channel("a"));
        assertNull(store.channel("b"));
        assertEquals(Outcome.OK, operations.pushToAll(names(), value, 0, value.capacity(), WORKER, NO_WAKE_UP),
            "no channel at all");
        assertTrue(store.channels().isEmpty());
    }

    @Test
    void aStreamedPushRecreatesAChannelRemovedSinceTheStreamStarted()
    {
        final DirectBuffer name = ascii("streamed");
        final String channel = operations.channelCreatedIfMissing(name, 0, name.capacity());
        assertEquals("streamed", channel);
        assertNotNull(store.channel("streamed"));
        operations.removeChannel(name, 0, name.capacity());
        assertNull(store.channel("streamed"));
        final DirectBuffer record = ascii("after the removal");
        operations.pushStreamed(channel, record, 0, record.capacity(), WORKER, NO_WAKE_UP);
        assertEquals("after the removal", pop("streamed", false));
    }

    @Test
    void popTakesTheOldestRecordThenFindsTheChannelEmpty()
    {
        push("ch", "old");
        push("ch", "new");
        assertEquals("old", pop("ch", false));
        assertEquals("new", pop("ch", false));
        assertEquals(QueueOperations.POPPED_NOTHING, popLength("ch", false));
    }

    @Test
    void popOfAMissingChannelReportsItOrCreatesIt()
    {
        assertEquals(QueueOperations.NO_CHANNEL, popLength("missing", false));
        assertNull(store.channel("missing"));
        assertEquals(QueueOperations.POPPED_NOTHING, popLength("missing", true));
        assertNotNull(store.channel("missing"));
    }

    @Test
    void popLeavesTheRecordsOfASubscribedChannelToItsSubscribers()
    {
        final List<String> heard = new ArrayList<>();
        final QueueStorage subscribed = subscribe("ch", "reader", heard);
        push("ch", "for the subscriber");
        assertEquals(QueueOperations.SUBSCRIBED, popLength("ch", false));
        assertEquals(QueueOperations.SUBSCRIBED, popLength("ch", true));
        assertEquals(List.of("pushed"), heard);
        assertEquals(1, subscribed.records());
    }

    @Test
    void subscribeCreatesTheChannelAndTheFirstSubscriberTakesOverItsRecords()
    {
        push("ch", "before");
        final QueueStorage subscribed = subscribe("ch", "", new ArrayList<>());
        assertSame(subscribed, store.channel("ch").storage(""));
        assertEquals(1, subscribed.records());
        assertEquals(1, subscribed.consumerCount());
        final QueueStorage created = subscribe("new", "s", new ArrayList<>());
        assertNotNull(store.channel("new"));
        assertEquals("s", created.subscriber());
    }

    @Test
    void removeChannelDropsItsRecordsAndTellsItsConsumersAndAMissingOneIsNoError()
    {
        final List<String> heard = new ArrayList<>();
        subscribe("ch", "reader", heard);
        push("ch", "dropped");
        final DirectBuffer name = ascii("ch");
        operations.removeChannel(name, 0, name.capacity());
        assertNull(store.channel("ch"));
        assertEquals(List.of("pushed", "removed"), heard);
        final DirectBuffer missing = ascii("missing");
        operations.removeChannel(missing, 0, missing.capacity());
        assertTrue(store.channels().isEmpty());
    }

    private static boolean isValid(final String name)
    {
        final DirectBuffer bytes = ascii(name);
        return QueueOperations.isValidName(bytes, 0, bytes.capacity());
    }

    private Outcome push(final String channel, final String value)
    {
        final DirectBuffer request = ascii(channel + value);
        return operations.push(request, 0, channel.length(), channel.length(), value.length(), WORKER, NO_WAKE_UP);
    }

    private int popLength(final String channel, final boolean createIfMissing)
    {
        final DirectBuffer name = ascii(channel);
        return operations.pop(name, 0, name.capacity(), createIfMissing, popped, 0);
    }

    private String pop(final String channel, final boolean createIfMissing)
    {
        final int length = popLength(channel, createIfMissing);
        assertTrue(length >= 0, channel + " popped " + length);
        return popped.getStringWithoutLengthAscii(0, length);
    }

    private QueueStorage subscribe(final String channel, final String subscriber, final List<String> heard)
    {
        final DirectBuffer name = ascii(channel);
        return operations.subscribe(name, 0, name.capacity(), subscriber, new StorageConsumer()
        {
            @Override
            public boolean onRecordPushed()
            {
                heard.add("pushed");
                return false;
            }

            @Override
            public void onStorageRemoved()
            {
                heard.add("removed");
            }
        });
    }

    private static ChannelList names(final String... names)
    {
        final DirectBuffer buffer = ascii(String.join("", names));
        final int[] offsets = new int[names.length];
        for (int i = 1; i < names.length; i++)
        {
            offsets[i] = offsets[i - 1] + names[i - 1].length();
        }
        return new ChannelList()
        {
            @Override
            public DirectBuffer buffer()
            {
                return buffer;
            }

            @Override
            public int channelCount()
            {
                return names.length;
            }

            @Override
            public int channelOffset(final int index)
            {
                return offsets[index];
            }

            @Override
            public int channelLength(final int index)
            {
                return names[index].length();
            }
        };
    }

    private static DirectBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
