package org.swarmjvm.dht.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a node that passes requests freely but answers only up to a byte budget the test sets:
 * with it a client can be held in the middle of a long GetAll stream for as long as the test needs, without
 * timing guesses.
 */
final class StallingProxy implements AutoCloseable
{
    private static final int CHUNK = 8192;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private long budget;
    private long forwarded;
    private boolean closed;

    /**
     * @param targetPort of the node on 127.0.0.1.
     * @param budget     bytes of answers passed before the proxy stalls.
     * @throws IOException when the proxy cannot listen.
     */
    StallingProxy(final int targetPort, final long budget) throws IOException
    {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.budget = budget;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("accept", this::accept);
    }

    /**
     * @return the port clients connect to.
     */
    int port()
    {
        return server.getLocalPort();
    }

    /**
     * @param budget new total of answer bytes to pass.
     */
    synchronized void budget(final long budget)
    {
        this.budget = budget;
        notifyAll();
    }

    @Override
    public void close() throws InterruptedException
    {
        synchronized (this)
        {
            closed = true;
            notifyAll();
        }
        closeQuietly(server);
        sockets.forEach(StallingProxy::closeQuietly);
        for (final Thread thread : threads)
        {
            thread.join();
        }
    }

    private void accept()
    {
        while (true)
        {
            final Socket client;
            final Socket node;
            try
            {
                client = server.accept();
                sockets.add(client);
                node = new Socket(target.getAddress(), target.getPort());
                sockets.add(node);
            }
            catch (final IOException ex)
            {
                return;
            }
            start("request", () -> copy(client, node, false));
            start("answer", () -> copy(node, client, true));
        }
    }

    private void copy(final Socket from, final Socket to, final boolean limited)
    {
        final byte[] chunk = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream())
        {
            while (true)
            {
                final int allowed = limited ? awaitAllowance() : CHUNK;
                if (allowed <= 0)
                {
                    return;
                }
                final int read = in.read(chunk, 0, allowed);
                if (read < 0)
                {
                    return;
                }
                out.write(chunk, 0, read);
                out.flush();
                if (limited)
                {
                    consumed(read);
                }
            }
        }
        catch (final IOException ex)
        {
            // A side closed: the other follows when the streams close.
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private synchronized int awaitAllowance() throws InterruptedException
    {
        while (!closed && forwarded >= budget)
        {
            wait();
        }
        return closed ? 0 : (int)Math.min(CHUNK, budget - forwarded);
    }

    private synchronized void consumed(final int bytes)
    {
        forwarded += bytes;
    }

    private void start(final String name, final Runnable task)
    {
        final Thread thread = new Thread(task, "proxy-" + name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            // Closing to stop: nothing left to do with it.
        }
    }
}
