package org.swarmjvm.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 that hands every chunk it reads to the other side a fixed time later, in order: a
 * network's one-way latency for a bench that otherwise runs over the loopback, where a round trip costs next to
 * nothing. One thread reads and one writes per direction of each connection; daemon threads, closed with the relay.
 */
final class DelayingRelay implements AutoCloseable
{
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long delayNanos;

    private record Chunk(byte[] bytes, long dueNanos) implements Delayed
    {
        @Override
        public long getDelay(final TimeUnit unit)
        {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(final Delayed other)
        {
            return Long.compare(dueNanos, ((Chunk)other).dueNanos);
        }
    }

    /**
     * @param target     where to relay to.
     * @param delayMillis one-way delay.
     */
    DelayingRelay(final InetSocketAddress target, final int delayMillis)
    {
        this.target = target;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        try
        {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        daemon("relay-accept", this::accept);
    }

    int port()
    {
        return server.getLocalPort();
    }

    private void accept()
    {
        while (!server.isClosed())
        {
            try
            {
                final Socket in = server.accept();
                final Socket out = new Socket(target.getAddress(), target.getPort());
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                pipe(in, out);
                pipe(out, in);
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void pipe(final Socket from, final Socket to)
    {
        final DelayQueue<Chunk> queue = new DelayQueue<>();
        daemon("relay-read", () ->
        {
            final byte[] buffer = new byte[64 * 1024];
            try (InputStream input = from.getInputStream())
            {
                for (int read = input.read(buffer); read > 0; read = input.read(buffer))
                {
                    queue.put(new Chunk(Arrays.copyOf(buffer, read), System.nanoTime() + delayNanos));
                }
            }
            catch (final IOException ex)
            {
                // The connection ended: the writer stops at the end-of-stream chunk below.
            }
            queue.put(new Chunk(new byte[0], System.nanoTime() + delayNanos));
        });
        daemon("relay-write", () ->
        {
            try (OutputStream output = to.getOutputStream())
            {
                for (Chunk chunk = queue.take(); chunk.bytes().length > 0; chunk = queue.take())
                {
                    output.write(chunk.bytes());
                }
            }
            catch (final IOException | InterruptedException ex)
            {
                // The other side closed: nothing left to deliver.
            }
            closeQuietly(from);
            closeQuietly(to);
        });
    }

    private static void daemon(final String name, final Runnable task)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            // Already closed by the other direction.
        }
    }

    @Override
    public void close()
    {
        try
        {
            server.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
