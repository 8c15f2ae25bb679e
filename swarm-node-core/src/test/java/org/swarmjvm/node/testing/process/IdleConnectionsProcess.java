package org.swarmjvm.node.testing.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Idle connections to a node, held by a JVM of their own: each process has its own open-files limit, so a test
 * whose node runs in the test's JVM can hold as many idle connections as the node alone may have, instead of half
 * of them (one descriptor for each end of every connection). The child connects, prints {@code holding N}, and
 * closes them all when its standard input ends.
 */
public final class IdleConnectionsProcess implements AutoCloseable
{
    private static final String HOLDING = "holding ";
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Process process;

    private IdleConnectionsProcess(final Process process)
    {
        this.process = process;
    }

    /**
     * Starts the process and waits until it holds every connection.
     *
     * @param address of the node.
     * @param count   connections to open.
     * @param timeout longest wait until all are open.
     * @return the process holding them.
     */
    public static IdleConnectionsProcess open(final InetSocketAddress address, final int count,
        final Duration timeout)
    {
        final List<String> command = NodeProcess.javaCommand(IdleConnectionsProcess.class.getName(),
            List.of(address.getHostString(), Integer.toString(address.getPort()), Integer.toString(count)),
            NodeProcess.QUICK_START_FLAGS);
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start the idle connections' process", ex);
        }
        final IdleConnectionsProcess idle = new IdleConnectionsProcess(process);
        idle.awaitHolding(count, timeout);
        return idle;
    }

    /**
     * The child: opens the connections, says so, and holds them until its standard input ends.
     *
     * @param args host, port and the number of connections.
     * @throws IOException when a connection cannot be opened: the parent sees the message and the exit.
     */
    public static void main(final String[] args) throws IOException
    {
        final InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        final int count = Integer.parseInt(args[2]);
        final List<Socket> sockets = new ArrayList<>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                final Socket socket = new Socket();
                sockets.add(socket);
                socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            }
            System.out.println(HOLDING + count);
            System.out.flush();
            while (System.in.read() >= 0)
            {
                // Nothing is sent on standard input: it only ends.
            }
        }
        finally
        {
            for (final Socket socket : sockets)
            {
                socket.close();
            }
        }
    }

    /**
     * Closes the child's standard input, so it closes every connection and exits; kills it if it does not within
     * 30 seconds.
     */
    @Override
    public void close()
    {
        try
        {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        catch (final IOException ex)
        {
            process.destroyForcibly();
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads the child's output until it says it holds every connection; its output, if it exits or the time runs
     * out first, is the failure's message. A timer kills it at the deadline so that the blocking read ends.
     */
    private void awaitHolding(final int count, final Duration timeout)
    {
        final Thread deadline = new Thread(() ->
        {
            try
            {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                {
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                // Holding in time: the watch is over.
            }
        }, "idle-connections-deadline");
        deadline.setDaemon(true);
        deadline.start();
        final StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = reader.readLine(); null != line; line = reader.readLine())
            {
                if (line.equals(HOLDING + count))
                {
                    deadline.interrupt();
                    return;
                }
                output.append(line).append('\n');
            }
        }
        catch (final IOException ex)
        {
            output.append(ex);
        }
        process.destroyForcibly();
        throw new AssertionError("the idle connections' process did not hold " + count + " connections within " +
            timeout + ":\n" + output);
    }
}
