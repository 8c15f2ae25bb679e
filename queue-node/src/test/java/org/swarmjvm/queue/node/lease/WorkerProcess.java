package org.swarmjvm.queue.node.lease;

import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.Worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Worker} in a JVM of its own, for the tests that kill workers: it connects to the queue node's neo port
 * as {@code test} (zero key), works a channel and writes what it does to a journal file, one line per event, each
 * line one write so that a kill -9 leaves whole lines. When the node goes away it reconnects (a new epoch in the
 * journal) until the node is back; SIGTERM drains the worker and exits.
 *
 * <p>Journal lines: {@code epoch N} at each connection, {@code done THREAD VALUE} when a handler finished a record
 * (before the worker's ack: a record whose thread wrote no later line may not be acked),
 * {@code failed THREAD VALUE DELIVERIES} when a handler threw, {@code started THREAD VALUE} in the drain mode, and
 * {@code drained ACKED NACKED} at the end of a drain.
 */
public final class WorkerProcess
{
    /** Records whose value starts with this always fail. */
    public static final String POISON_PREFIX = "poison-";

    /** What the handler does. */
    public enum Mode
    {
        /** Finishes every record at once, except the poison ones, which throw. */
        COMPLETE,
        /**
         * Holds every record until the drain: records with an even number (the value's last dash-separated part)
         * then finish, the others keep running until the drain gives up on them.
         */
        HOLD_UNTIL_DRAIN
    }

    private static final long RECONNECT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final FileChannel journal;
    private final CountDownLatch draining = new CountDownLatch(1);
    private volatile Worker worker;

    private WorkerProcess(final FileChannel journal)
    {
        this.journal = journal;
    }

    /**
     * Starts a worker process, its output going to {@code <journal>.log}.
     *
     * @param neoPort     the node's neo port on 127.0.0.1.
     * @param channel     the channel to work.
     * @param concurrency the worker's concurrency.
     * @param lease       the lease of each take.
     * @param drain       the drain timeout.
     * @param mode        what the handler does.
     * @param journal     the journal file.
     * @return the process.
     */
    public static NodeProcess start(final int neoPort, final String channel, final int concurrency,
        final Duration lease, final Duration drain, final Mode mode, final Path journal)
    {
        return NodeProcess.spawn(WorkerProcess.class.getName(), List.of(Integer.toString(neoPort), channel,
            Integer.toString(concurrency), Long.toString(lease.toMillis()), Long.toString(drain.toMillis()),
            mode.name(), journal.toString()), journal.resolveSibling(journal.getFileName() + ".log"),
            NodeProcess.QUICK_START_FLAGS);
    }

    /**
     * @param args neo port, channel, concurrency, lease ms, drain ms, mode, journal path.
     * @throws IOException when the journal cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final int port = Integer.parseInt(args[0]);
        final Worker.Context context = new Worker.Context()
            .channel(args[1])
            .concurrency(Integer.parseInt(args[2]))
            .lease(Duration.ofMillis(Long.parseLong(args[3])))
            .drainTimeout(Duration.ofMillis(Long.parseLong(args[4])))
            .emptyWait(Duration.ofMillis(10));
        final Mode mode = Mode.valueOf(args[5]);
        final WorkerProcess process = new WorkerProcess(FileChannel.open(Path.of(args[6]),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        context.handler(Mode.COMPLETE == mode ? process::complete : process::holdUntilDrain);
        Runtime.getRuntime().addShutdownHook(new Thread(process::drain, "worker-drain"));
        process.run(port, context);
    }

    /**
     * Works until drained, reconnecting whenever the connection fails.
     */
    private void run(final int port, final Worker.Context context)
    {
        for (int epoch = 0; draining.getCount() > 0; epoch++)
        {
            final QueueNeoClient client = connect(port);
            write("epoch " + epoch);
            worker = Worker.start(client, context);
            try
            {
                worker.ended().join();
                return;
            }
            catch (final CompletionException ex)
            {
                System.out.println("epoch " + epoch + " ended: " + ex.getCause());
            }
            finally
            {
                client.close();
            }
        }
    }

    private void drain()
    {
        draining.countDown();
        final Worker running = worker;
        if (null != running)
        {
            running.close();
            write("drained " + running.acked() + " " + running.nacked());
        }
    }

    private void complete(final QueueNeoClient.TakeResult job)
    {
        final String value = new String(job.value(), StandardCharsets.US_ASCII);
        if (value.startsWith(POISON_PREFIX))
        {
            write("failed " + Thread.currentThread().getName() + " " + value + " " + job.deliveries());
            throw new IllegalStateException("poison record " + value);
        }
        write("done " + Thread.currentThread().getName() + " " + value);
    }

    private void holdUntilDrain(final QueueNeoClient.TakeResult job) throws InterruptedException
    {
        final String value = new String(job.value(), StandardCharsets.US_ASCII);
        write("started " + Thread.currentThread().getName() + " " + value);
        if (0 == Integer.parseInt(value.substring(value.lastIndexOf('-') + 1)) % 2)
        {
            draining.await();
        }
        else
        {
            new CountDownLatch(1).await();
        }
    }

    private static QueueNeoClient connect(final int port)
    {
        final long deadline = System.nanoTime() + RECONNECT_TIMEOUT.toNanos();
        while (true)
        {
            try
            {
                return new QueueNeoClient(NeoClient.connect("127.0.0.1", port, "test", new byte[128]));
            }
            catch (final IOException ex)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new UncheckedIOException("the node did not come back within " + RECONNECT_TIMEOUT, ex);
                }
                LockSupport.parkNanos(RECONNECT_PAUSE_NANOS);
            }
        }
    }

    private void write(final String line)
    {
        try
        {
            journal.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param journal a journal file.
     * @return its lines, none when it does not exist yet.
     */
    public static List<String> read(final Path journal)
    {
        try
        {
            return Files.exists(journal) ? Files.readAllLines(journal, StandardCharsets.US_ASCII) : List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
