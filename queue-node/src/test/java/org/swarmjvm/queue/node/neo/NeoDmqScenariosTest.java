package org.swarmjvm.queue.node.neo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient.Consumer;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.protocol.queue.client.QueueConsumer;
import org.swarmjvm.queue.node.QueueNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The original's neo queue test suite (dmqtest, spec neo.md 12.2) as in-process tests: client {@code test} with the
 * all-zero key, records {@code "%09d"} of 0..9 999, channels {@code test_channel} and {@code test_channel2}.
 */
@Timeout(120)
class NeoDmqScenariosTest
{
    private static final int RECORDS = 10_000;
    private static final String[] ONE_CHANNEL = {"test_channel"};
    private static final String[] TWO_CHANNELS = {"test_channel", "test_channel2"};

    @TempDir
    Path dir;

    private QueueNode node;
    private final List<AutoCloseable> clients = new ArrayList<>();

    /**
     * Who writes: one neo Push per record, to one channel or to two at once.
     */
    enum Writer
    {
        NEO_PUSH(ONE_CHANNEL), NEO_PUSH_MULTI(TWO_CHANNELS);

        final String[] channels;

        Writer(final String[] channels)
        {
            this.channels = channels;
        }
    }

    /**
     * Who reads everything back.
     */
    enum Checker
    {
        LEGACY_POP, LEGACY_CONSUME_BEFORE_WRITING, LEGACY_CONSUME_AFTER_WRITING, NEO_POP, NEO_CONSUME_BEFORE_WRITING,
        NEO_CONSUME_AFTER_WRITING
    }

    @BeforeEach
    void start() throws IOException
    {
        node = NeoQueueNodes.launch(dir);
    }

    @AfterEach
    void stop() throws Exception
    {
        for (final AutoCloseable client : clients)
        {
            client.close();
        }
        node.close();
    }

    @Test
    void shouldConnectAndAuthenticate() throws IOException
    {
        assertTrue(neo().pop("test_channel").join().status() > 0);
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void shouldReadEveryRecordInPushOrderWhateverTheChecker(final Writer writer) throws Exception
    {
        for (final Checker checker : Checker.values())
        {
            final String[] channels = suffixed(writer.channels, "_" + checker.name().toLowerCase());
            final List<Consumer> consumers = new ArrayList<>();
            final List<List<String>> received = new ArrayList<>();
            final List<QueueConsumer> legacyConsumers = new ArrayList<>();
            if (Checker.NEO_CONSUME_BEFORE_WRITING == checker)
            {
                startConsumers(neo(), channels, "", consumers, received);
            }
            if (Checker.LEGACY_CONSUME_BEFORE_WRITING == checker)
            {
                startLegacyConsumers(channels, legacyConsumers);
            }
            push(neo(), channels, 0, RECORDS);
            if (Checker.NEO_CONSUME_AFTER_WRITING == checker)
            {
                startConsumers(neo(), channels, "", consumers, received);
            }
            if (Checker.LEGACY_CONSUME_AFTER_WRITING == checker)
            {
                startLegacyConsumers(channels, legacyConsumers);
            }
            for (int c = 0; c < channels.length; c++)
            {
                final List<String> records;
                switch (checker)
                {
                    case LEGACY_POP:
                        records = legacyPopAll(channels[c]);
                        break;
                    case NEO_POP:
                        records = neoPopAll(neo(), channels[c]);
                        break;
                    case LEGACY_CONSUME_BEFORE_WRITING:
                    case LEGACY_CONSUME_AFTER_WRITING:
                        records = take(legacyConsumers.get(c), RECORDS);
                        break;
                    default:
                        final List<String> list = received.get(c);
                        await(() -> size(list) >= RECORDS, checker + " " + channels[c]);
                        records = copy(list);
                        break;
                }
                assertEquals(expected(0, RECORDS), records, checker + " on " + channels[c]);
            }
            stopAll(consumers);
            for (final QueueConsumer consumer : legacyConsumers)
            {
                consumer.close();
            }
        }
    }

    private void startLegacyConsumers(final String[] channels, final List<QueueConsumer> consumers)
    {
        final QueueClient legacy = NeoQueueNodes.legacyClient(node);
        clients.add(legacy);
        for (final String channel : channels)
        {
            consumers.add(legacy.consume(channel));
        }
    }

    private static List<String> take(final QueueConsumer consumer, final int count) throws InterruptedException
    {
        final List<String> records = new ArrayList<>(count);
        while (records.size() < count)
        {
            final byte[] value = consumer.poll(60, TimeUnit.SECONDS);
            if (null == value)
            {
                fail("legacy Consume stopped after " + records.size() + " records");
            }
            records.add(text(value));
        }
        return records;
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void shouldReadEveryRecordWhileAnotherClientWritesWithSuspendAndResume(final Writer writer) throws Exception
    {
        final QueueNeoClient reader = neo();
        final List<Consumer> consumers = new ArrayList<>();
        final List<List<String>> received = new ArrayList<>();
        final ExecutorService resumer = Executors.newSingleThreadExecutor();
        try
        {
            for (final String channel : writer.channels)
            {
                final List<String> list = Collections.synchronizedList(new ArrayList<>());
                received.add(list);
                final Consumer[] self = new Consumer[1];
                self[0] = reader.consume(channel, "", value ->
                {
                    list.add(text(value));
                    if (0 == list.size() % 100)
                    {
                        // Client-side suspension: the node only sees the Continue come later.
                        self[0].suspend();
                        resumer.execute(() -> self[0].resume());
                    }
                });
                consumers.add(self[0]);
                self[0].started().get(30, TimeUnit.SECONDS);
            }
            final CompletableFuture<Void> writing =
                CompletableFuture.runAsync(() -> push(neoUnchecked(), writer.channels, 0, RECORDS));
            writing.get(60, TimeUnit.SECONDS);
            for (final List<String> list : received)
            {
                await(() -> size(list) >= RECORDS, "suspended and resumed consumer");
                assertEquals(expected(0, RECORDS), copy(list));
            }
            stopAll(consumers);
        }
        finally
        {
            resumer.shutdownNow();
        }
    }

    @Test
    void shouldPopWhileAnotherClientWritesThenEndWithEmpty() throws Exception
    {
        final CompletableFuture<Void> writing =
            CompletableFuture.runAsync(() -> push(neoUnchecked(), TWO_CHANNELS, 0, RECORDS));
        final QueueNeoClient reader = neo();
        for (final String channel : TWO_CHANNELS)
        {
            final List<String> records = new ArrayList<>();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records.size() < RECORDS && System.nanoTime() < deadline)
            {
                final QueueNeoClient.PopResult result = reader.pop(channel).get(30, TimeUnit.SECONDS);
                if (QueueNeoRequest.POP_POPPED == result.status())
                {
                    records.add(text(result.value()));
                }
                else
                {
                    assertEquals(QueueNeoRequest.POP_EMPTY, result.status());
                }
            }
            assertEquals(expected(0, RECORDS), records, channel);
            assertEquals(QueueNeoRequest.POP_EMPTY, reader.pop(channel).join().status());
        }
        writing.get(60, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Writer.class)
    void shouldGiveEachNamedSubscriberItsOwnCopyAndShareItAmongItsConsumers(final Writer writer) throws Exception
    {
        final String[] channels = writer.channels;
        push(neo(), channels, 0, RECORDS);
        final QueueNeoClient reader = neo();
        for (final String channel : channels)
        {
            final QueueNeoClient.PopResult first = reader.pop(channel).join();
            assertEquals(QueueNeoRequest.POP_POPPED, first.status());
            assertEquals(String.format("%09d", 0), text(first.value()));
        }
        final List<Consumer> consumers = new ArrayList<>();
        final List<List<String>> sub1 = new ArrayList<>();
        final List<List<String>> sub1Again = new ArrayList<>();
        final List<List<String>> sub2 = new ArrayList<>();
        startConsumers(neo(), channels, "sub1", consumers, sub1);
        startConsumers(neo(), channels, "sub1", consumers, sub1Again);
        startConsumers(neo(), channels, "sub2", consumers, sub2);
        for (final String channel : channels)
        {
            assertEquals(QueueNeoRequest.POP_SUBSCRIBED, reader.pop(channel).join().status());
        }
        for (int c = 0; c < channels.length; c++)
        {
            final List<String> a = sub1.get(c);
            final List<String> b = sub1Again.get(c);
            await(() -> size(a) + size(b) >= RECORDS - 1, "sub1 on " + channels[c]);
            assertEquals(expected(1, RECORDS - 1), merged(a, b), "sub1 shares the remaining records");
            assertEquals(List.of(), copy(sub2.get(c)), "sub2 subscribed after the records were pushed");
        }
        push(neo(), channels, RECORDS, RECORDS);
        for (int c = 0; c < channels.length; c++)
        {
            final List<String> a = sub1.get(c);
            final List<String> b = sub1Again.get(c);
            final List<String> second = sub2.get(c);
            await(() -> size(a) + size(b) >= 2 * RECORDS - 1 && size(second) >= RECORDS, channels[c]);
            assertEquals(expected(1, 2 * RECORDS - 1), merged(a, b));
            assertEquals(expected(RECORDS, RECORDS), copy(second));
        }
        stopAll(consumers);
    }

    private QueueNeoClient neo() throws IOException
    {
        final QueueNeoClient client =
            new QueueNeoClient(NeoClient.connect("127.0.0.1", node.neoPort(), "test", NeoRawConnection.ZERO_KEY));
        synchronized (clients)
        {
            clients.add(client);
        }
        return client;
    }

    private QueueNeoClient neoUnchecked()
    {
        try
        {
            return neo();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void push(final QueueNeoClient client, final String[] channels, final int first, final int count)
    {
        final int window = 1000;
        for (int start = first; start < first + count; start += window)
        {
            final List<CompletableFuture<Integer>> answers = new ArrayList<>(window);
            for (int i = start; i < Math.min(start + window, first + count); i++)
            {
                answers.add(client.push(String.format("%09d", i).getBytes(StandardCharsets.US_ASCII), channels));
            }
            for (final CompletableFuture<Integer> answer : answers)
            {
                assertEquals(QueueNeoRequest.PUSH_PUSHED, answer.join());
            }
        }
    }

    private static void startConsumers(final QueueNeoClient client, final String[] channels, final String subscriber,
        final List<Consumer> consumers, final List<List<String>> received) throws Exception
    {
        for (final String channel : channels)
        {
            final List<String> list = Collections.synchronizedList(new ArrayList<>());
            received.add(list);
            final Consumer consumer = client.consume(channel, subscriber, value -> list.add(text(value)));
            consumer.started().get(30, TimeUnit.SECONDS);
            consumers.add(consumer);
        }
    }

    private static void stopAll(final List<Consumer> consumers) throws Exception
    {
        for (final Consumer consumer : consumers)
        {
            assertEquals(QueueNeoRequest.CONSUME_STOPPED, consumer.stop().get(30, TimeUnit.SECONDS));
        }
    }

    private List<String> legacyPopAll(final String channel)
    {
        final List<String> records = new ArrayList<>();
        try (QueueClient legacy = NeoQueueNodes.legacyClient(node))
        {
            byte[] value;
            while (null != (value = legacy.pop(channel)))
            {
                records.add(text(value));
            }
        }
        return records;
    }

    private static List<String> neoPopAll(final QueueNeoClient client, final String channel)
    {
        final List<String> records = new ArrayList<>();
        while (true)
        {
            final QueueNeoClient.PopResult result = client.pop(channel).join();
            if (QueueNeoRequest.POP_EMPTY == result.status())
            {
                return records;
            }
            assertEquals(QueueNeoRequest.POP_POPPED, result.status());
            records.add(text(result.value()));
        }
    }

    private static String[] suffixed(final String[] channels, final String suffix)
    {
        final String[] names = new String[channels.length];
        for (int i = 0; i < channels.length; i++)
        {
            names[i] = channels[i] + suffix;
        }
        return names;
    }

    private static List<String> expected(final int first, final int count)
    {
        final List<String> records = new ArrayList<>(count);
        for (int i = first; i < first + count; i++)
        {
            records.add(String.format("%09d", i));
        }
        return records;
    }

    /**
     * Two consumers share a storage, each receiving its records in order: merged they are every record once.
     */
    private static List<String> merged(final List<String> a, final List<String> b)
    {
        final List<String> all = new ArrayList<>(copy(a));
        final List<String> second = copy(b);
        assertEquals(sorted(all), all, "first consumer's records in order");
        assertEquals(sorted(second), second, "second consumer's records in order");
        all.addAll(second);
        return sorted(all);
    }

    private static List<String> sorted(final List<String> records)
    {
        final List<String> copy = new ArrayList<>(records);
        Collections.sort(copy);
        return copy;
    }

    private static List<String> copy(final List<String> list)
    {
        synchronized (list)
        {
            return new ArrayList<>(list);
        }
    }

    private static int size(final List<String> list)
    {
        return list.size();
    }

    private static String text(final byte[] value)
    {
        return new String(value, StandardCharsets.US_ASCII);
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
