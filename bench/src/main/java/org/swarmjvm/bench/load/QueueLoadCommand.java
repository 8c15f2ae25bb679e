package org.swarmjvm.bench.load;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoCredentials;
import org.swarmjvm.protocol.neo.queue.QueueNeoClient;
import org.swarmjvm.protocol.neo.queue.QueueNeoRequest;
import org.swarmjvm.protocol.queue.QueueCommand;
import org.swarmjvm.protocol.queue.codec.QueueRequestEncoder;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.protocol.queue.client.QueueConsumer;
import org.swarmjvm.protocol.queue.client.QueueProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one queue workload through {@link QueueClient}: Push or Pop in a closed loop per connection, or Produce
 * streams feeding Consume streams; or through {@link QueueNeoClient} on the neo port: Pop, or Take and Ack (the
 * leased delivery of a worker). Pop and Take drain what earlier Pushes left: their warm-up pushes back every
 * record it takes, and a measured request that finds the channel empty ends the run.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
    description = "Measure one queue workload against running queue nodes.")
public final class QueueLoadCommand implements Runnable
{
    /** What the simulated clients do. */
    public enum QueueWorkload
    {
        /** Push of a record per request. */
        PUSH,
        /** Pop of a record per request, until the channel is empty (push records first). */
        POP,
        /** Produce streams write records, Consume streams (the connections) read them; figure: deliveries/s. */
        PRODUCE_CONSUME,
        /** Neo Pop of a record per request (the neo port and {@code --credentials}), until the channel is empty. */
        NEO_POP,
        /**
         * Neo Take under a lease then Ack of the record taken, per request (one job of a worker), until the
         * channel is empty.
         */
        TAKE_ACK
    }

    private static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Mixin
    private NodeOptions nodes;

    @Mixin
    private MeasureOptions measure;

    @Option(names = {"-W", "--workload"}, required = true,
        description = "push, pop, produce_consume, neo_pop or take_ack")
    private QueueWorkload workload;

    @Option(names = "--producers", description = "produce_consume: Produce streams (default: ${DEFAULT-VALUE})")
    private int producers = 1;

    @Option(names = "--window", description = "produce_consume: records produced and not yet consumed, at most " +
        "(default: ${DEFAULT-VALUE})")
    private long window = 1000;

    @Option(names = "--credentials", description = "neo_pop, take_ack: the neo credentials file (name:key lines); " +
        "its first client is used")
    private Path credentials;

    @Option(names = "--lease-ms", description = "take_ack: the lease of each Take (default: ${DEFAULT-VALUE})")
    private long leaseMillis = 30_000;

    /** Request or reply bytes besides the value: command, channel name, lengths, status. */
    private static final int EXCHANGE_OVERHEAD = 1024;

    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    private Records records;
    private List<InetSocketAddress> addresses;

    @Override
    public void run()
    {
        if (producers < 1 || window < 1)
        {
            throw new IllegalArgumentException("producers and window must be positive");
        }
        final Measurement measurement = new Measurement(measure);
        records = new Records(measure.valueSize, 0x9e0eL);
        addresses = nodes.socketAddresses();
        final String name = workload.name().toLowerCase(Locale.ROOT);
        if (measure.pipeline > 1 && (QueueWorkload.PUSH != workload && QueueWorkload.POP != workload ||
            1 != addresses.size()))
        {
            throw new IllegalArgumentException("pipelining is for the legacy push and pop on one node");
        }
        switch (workload)
        {
            case PUSH:
            case POP:
                measurement.report(pushOrPop(measurement), name, "requests");
                break;
            case PRODUCE_CONSUME:
                measurement.report(runStreams(measurement), name, "deliveries");
                break;
            case NEO_POP:
            case TAKE_ACK:
                measurement.report(measurement.closedLoop(measure.connections, NeoSession::new, true), name,
                    QueueWorkload.TAKE_ACK == workload ? "jobs" : "requests");
                break;
            default:
                throw new IllegalStateException("workload " + workload);
        }
    }

    /**
     * Pipelined requests come from one thread driving every connection (see {@link EventLoopClients}), as
     * {@code redis-benchmark -P} sends them; one request in flight stays with a client thread per connection.
     */
    private Outcome pushOrPop(final Measurement measurement)
    {
        final boolean pop = QueueWorkload.POP == workload;
        if (measure.pipeline > 1)
        {
            return measurement.eventLoop(addresses.get(0), measure.connections, PushPopExchange::new,
                EXCHANGE_OVERHEAD + measure.valueSize, pop);
        }
        return measurement.closedLoop(measure.connections, PushPopSession::new, pop);
    }

    private Outcome runStreams(final Measurement measurement)
    {
        if (measure.valueSize < Long.BYTES)
        {
            throw new IllegalArgumentException("produce_consume needs values of at least 8 bytes: they carry the " +
                "send time");
        }
        final Deliveries deliveries = new Deliveries(measurement);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final List<QueueConsumer> consumers = new ArrayList<>();
        try (QueueClient client = new QueueClient(addresses))
        {
            for (int i = 0; i < measure.connections; i++)
            {
                consumers.add(client.consume(nodes.channel()));
            }
            for (final QueueConsumer consumer : consumers)
            {
                final Thread reader = new Thread(() -> take(consumer, deliveries, failure), "consume");
                reader.setDaemon(true);
                reader.start();
            }
            final Outcome outcome = deliveries.settle(measurement.closedLoop(producers, ProducerSession::new, false),
                "produced");
            consumers.forEach(QueueConsumer::close);
            if (null != failure.get())
            {
                throw failure.get();
            }
            return outcome;
        }
    }

    private void take(final QueueConsumer consumer, final Deliveries deliveries,
        final AtomicReference<RuntimeException> failure)
    {
        try
        {
            while (!consumer.isFinished())
            {
                final byte[] record = consumer.poll(100, TimeUnit.MILLISECONDS);
                if (null != record)
                {
                    consumed.incrementAndGet();
                    deliveries.accept(record, record.length);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException ex)
        {
            failure.compareAndSet(null, ex);
        }
    }

    /**
     * A Push or Pop client of the event loop, its requests written with the protocol's encoder and the replies
     * recognised in place. Pipelined Pops have no warm-up of their own (a warm-up would drain the records the
     * measurement is to pop): run them with {@code -w 0} after a Push run.
     */
    private final class PushPopExchange implements LoadExchange
    {
        private final String channel = nodes.channel();
        private final WireWriter writer = new WireWriter();
        private final QueueRequestEncoder encoder = new QueueRequestEncoder(writer);
        private long sequence;
        private int replyLength;

        PushPopExchange(final int index)
        {
            sequence = (long)index << 32;
        }

        @Override
        public int writeRequest(final MutableDirectBuffer buffer)
        {
            writer.wrap(buffer, 0);
            if (QueueWorkload.PUSH == workload)
            {
                encoder.push(channel, records.value(sequence++));
            }
            else
            {
                encoder.channel(QueueCommand.POP, channel);
            }
            return writer.position();
        }

        @Override
        public long readReply(final DirectBuffer buffer, final int length)
        {
            if (length < Integer.BYTES)
            {
                return INCOMPLETE;
            }
            final int status = buffer.getInt(0, ByteOrder.LITTLE_ENDIAN);
            if (SwarmStatus.OK.code() != status)
            {
                throw new IllegalStateException(workload + " answered status " + status);
            }
            if (QueueWorkload.PUSH == workload)
            {
                replyLength = Integer.BYTES;
                return measure.valueSize;
            }
            if (length < Integer.BYTES + Long.BYTES)
            {
                return INCOMPLETE;
            }
            final long recordLength = buffer.getLong(Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
            if (length < Integer.BYTES + Long.BYTES + recordLength)
            {
                return INCOMPLETE;
            }
            replyLength = Integer.BYTES + Long.BYTES + (int)recordLength;
            return 0 == recordLength ? LoadSession.MISS : recordLength;
        }

        @Override
        public int replyLength()
        {
            return replyLength;
        }
    }

    /**
     * A Push or Pop client on its own connection.
     */
    private final class PushPopSession implements LoadSession
    {
        private final QueueClient client = new QueueClient(addresses);
        private final String channel = nodes.channel();
        private long sequence;

        PushPopSession(final int index)
        {
            sequence = (long)index << 32;
        }

        @Override
        public long request()
        {
            if (QueueWorkload.PUSH == workload)
            {
                return push();
            }
            final byte[] record = client.pop(channel);
            return null == record ? MISS : record.length;
        }

        @Override
        public long warmUpRequest()
        {
            if (QueueWorkload.PUSH == workload)
            {
                return push();
            }
            // Push one, pop one: the records left for the measurement stay as many.
            push();
            final byte[] record = client.pop(channel);
            return null == record ? MISS : record.length;
        }

        @Override
        public void close()
        {
            client.close();
        }

        private long push()
        {
            final byte[] value = records.value(sequence++);
            client.push(channel, value);
            return value.length;
        }
    }

    /**
     * One Produce stream: records carry their send time; sending waits while {@code --window} records are
     * produced and not yet consumed, so the figure is what flows through, not what piles up in the node.
     */
    private final class ProducerSession implements LoadSession
    {
        private final QueueProducer producer;
        private final byte[] value = new byte[measure.valueSize];
        private long sequence;

        ProducerSession(final int index)
        {
            try (QueueClient client = new QueueClient(addresses))
            {
                producer = client.produce(nodes.channel());
            }
            sequence = (long)index << 32;
        }

        @Override
        public long request()
        {
            if (produced.get() - consumed.get() >= window)
            {
                producer.flush();
                final long since = System.nanoTime();
                while (produced.get() - consumed.get() >= window)
                {
                    if (System.nanoTime() - since > STALLED_NANOS)
                    {
                        throw new IllegalStateException("the consumers took no record for 30 s");
                    }
                    LockSupport.parkNanos(20_000);
                }
            }
            System.arraycopy(records.value(sequence++), 0, value, 0, value.length);
            Deliveries.stamp(value, System.nanoTime());
            producer.send(value);
            produced.incrementAndGet();
            return value.length;
        }

        @Override
        public void close()
        {
            producer.close();
        }
    }

    /**
     * A neo Pop, or Take and Ack, client on its own connection to one node's neo port, waiting for each answer.
     * Its warm-up pushes one record for each it takes, so that the records left for the measurement stay as many.
     */
    private final class NeoSession implements LoadSession
    {
        private final QueueNeoClient client;
        private final String channel = nodes.channel();
        private final Duration lease = Duration.ofMillis(leaseMillis);
        private long sequence;

        NeoSession(final int index)
        {
            if (null == credentials)
            {
                throw new IllegalArgumentException(workload + " needs --credentials");
            }
            try
            {
                final Map.Entry<String, byte[]> login = NeoCredentials.read(credentials).entrySet().iterator().next();
                client = new QueueNeoClient(NeoClient.connect(addresses.get(0).getHostString(),
                    addresses.get(0).getPort(), login.getKey(), login.getValue()));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot connect to the neo port " + addresses.get(0), ex);
            }
            sequence = (long)index << 32;
        }

        @Override
        public long request()
        {
            if (QueueWorkload.NEO_POP == workload)
            {
                final QueueNeoClient.PopResult popped = client.pop(channel).join();
                return QueueNeoRequest.POP_POPPED == popped.status() ? popped.value().length : MISS;
            }
            final QueueNeoClient.TakeResult job = client.take(channel, lease).join();
            if (!job.taken())
            {
                return MISS;
            }
            if (!client.ack(channel, job.leaseId()).join())
            {
                throw new IllegalStateException("the node knew no lease " + job.leaseId() + " at the Ack");
            }
            return job.value().length;
        }

        @Override
        public long warmUpRequest()
        {
            final int pushed = client.push(records.value(sequence++), channel).join();
            if (QueueNeoRequest.PUSH_PUSHED != pushed)
            {
                throw new IllegalStateException("Push answered " + pushed);
            }
            return request();
        }

        @Override
        public void close()
        {
            client.close();
        }
    }
}
