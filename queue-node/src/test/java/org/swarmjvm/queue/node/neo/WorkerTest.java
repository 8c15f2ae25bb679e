package org.swarmjvm.queue.node.neo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.protocol.neo.queue.Worker;
import org.swarmjvm.queue.node.QueueNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link Worker} against a real queue node in this JVM: it keeps a record leased while its handler outlasts
 * the lease, acks what the handler finished, nacks what it threw on, and ends when the node goes away.
 */
@Timeout(60)
class WorkerTest
{
    private static final String CHANNEL = "work";
    /** Short enough that the handler outlasts it, long enough that a loaded machine extends it in time. */
    private static final Duration SHORT_LEASE = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private QueueNode node;

    @AfterEach
    void stop()
    {
        if (null != node)
        {
            node.close();
        }
    }

    @Test
    void shouldKeepTheRecordFromOthersWhileTheHandlerOutlastsItsLease() throws Exception
    {
        node = NeoQueueNodes.launch(dir);
        try (QueueNeoClient client = connect(); QueueNeoClient other = connect())
        {
            assertEquals(QueueNeoRequest.PUSH_PUSHED, client.push(ascii("slow"), CHANNEL).get());
            final List<String> takenByOthers = new CopyOnWriteArrayList<>();
            final CountDownLatch handled = new CountDownLatch(1);
            final Worker worker = Worker.start(client, new Worker.Context().channel(CHANNEL).lease(SHORT_LEASE)
                .handler(job ->
                {
                    // Three leases long, asking all along whether another client can take the record.
                    final long end = System.nanoTime() + 3 * SHORT_LEASE.toNanos();
                    while (System.nanoTime() - end < 0)
                    {
                        final QueueNeoClient.TakeResult stolen = other.take(CHANNEL, SHORT_LEASE).get();
                        if (stolen.taken())
                        {
                            takenByOthers.add(ascii(stolen.value()));
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    }
                    handled.countDown();
                }));
            assertTrue(handled.await(30, TimeUnit.SECONDS), "the handler ran");
            Await.until("the record acked", () -> 1 == worker.acked());
            worker.close();
            assertEquals(List.of(), takenByOthers, "extended every third of the lease, the record stayed leased");
            assertEquals(0, worker.leasesLost());
            assertFalse(other.take(CHANNEL, SHORT_LEASE).get().taken(), "acked: gone");
        }
    }

    @Test
    void shouldNackWhatTheHandlerThrowsOnAndAckWhatItFinishes() throws Exception
    {
        node = NeoQueueNodes.launch(dir);
        try (QueueNeoClient client = connect())
        {
            assertEquals(QueueNeoRequest.PUSH_PUSHED, client.push(ascii("flaky"), CHANNEL).get());
            final List<Integer> deliveries = new CopyOnWriteArrayList<>();
            final Worker worker = Worker.start(client, new Worker.Context().channel(CHANNEL).concurrency(2)
                .emptyWait(Duration.ofMillis(5))
                .handler(job ->
                {
                    deliveries.add(job.deliveries());
                    if (1 == job.deliveries())
                    {
                        throw new IOException("first try fails");
                    }
                }));
            Await.until("the record acked on its second delivery", () -> 1 == worker.acked());
            assertEquals(0, worker.drain(Duration.ofSeconds(5)), "nothing held at the drain");
            assertEquals(List.of(1, 2), deliveries);
            assertEquals(1, worker.nacked());
            worker.ended().get(10, TimeUnit.SECONDS);
            assertFalse(client.take(CHANNEL, SHORT_LEASE).get().taken(), "acked: gone");
        }
    }

    @Test
    void shouldEndWithTheCauseWhenTheNodeGoesAway() throws Exception
    {
        node = NeoQueueNodes.launch(dir);
        try (QueueNeoClient client = connect())
        {
            final long started = System.nanoTime();
            final Worker worker = Worker.start(client, new Worker.Context().channel(CHANNEL).concurrency(3)
                .emptyWait(Duration.ofMillis(5)).handler(job -> { }));
            node.close();
            node = null;
            final CompletionException ended = assertThrows(CompletionException.class,
                () -> worker.ended().orTimeout(30, TimeUnit.SECONDS).join());
            assertTrue(ended.getCause() instanceof IOException, ended::toString);
            assertTrue(System.nanoTime() - started < Worker.DEFAULT_REQUEST_TIMEOUT.toNanos(),
                "ended by the disconnection, not by the request timeout: " + ended.getCause());
            worker.close();
        }
    }

    private QueueNeoClient connect() throws IOException
    {
        return new QueueNeoClient(NeoClient.connect("127.0.0.1", node.neoPort(), "test", NeoRawConnection.ZERO_KEY));
    }

    private static byte[] ascii(final String value)
    {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(final byte[] value)
    {
        return new String(value, StandardCharsets.US_ASCII);
    }
}
