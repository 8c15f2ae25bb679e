package org.swarmjvm.protocol.dht.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.DhtCommand;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool of one node's connections against a plain server socket on the loopback interface, the node's side
 * driven by the test thread: which connection a borrower gets, borrowers waiting for a busy pool, and a connection
 * a failure closed.
 */
@Timeout(30)
class NodeConnectionPoolTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ServerSocket server;
    private NodeConnectionPool pool;

    @BeforeEach
    void startServer() throws IOException
    {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int)TIMEOUT.toMillis());
    }

    @AfterEach
    void stop() throws IOException
    {
        if (null != pool)
        {
            pool.close();
        }
        server.close();
    }

    @Test
    void shouldHandOutTheLastReturnedConnectionFirst() throws IOException
    {
        pool = pool(3);
        final NodeConnection first = pool.acquire();
        final NodeConnection second = pool.acquire();
        final NodeConnection third = pool.acquire();
        assertEquals(3, Set.of(first, second, third).size());
        for (final NodeConnection connection : new NodeConnection[] {first, second, third})
        {
            roundTrip(connection, open(connection));
        }

        pool.release(second);
        pool.release(first);
        pool.release(third);

        assertSame(third, pool.acquire());
        assertSame(first, pool.acquire());
        assertSame(second, pool.acquire());
    }

    @Test
    void shouldMakeBorrowersWaitUntilAConnectionIsReturnedWhenEveryOneIsBusy() throws Exception
    {
        pool = pool(2);
        final NodeConnection first = pool.acquire();
        final NodeConnection second = pool.acquire();
        final Borrower waiting = new Borrower();
        final Borrower alsoWaiting = new Borrower();
        awaitWaiting(waiting);
        awaitWaiting(alsoWaiting);
        assertFalse(waiting.borrowed.isDone() || alsoWaiting.borrowed.isDone());

        pool.release(second);
        final NodeConnection handedOut = anyOf(waiting, alsoWaiting);
        assertSame(second, handedOut);
        pool.release(first);
        final NodeConnection handedOutNext = bothOf(waiting, alsoWaiting, handedOut);
        assertSame(first, handedOutNext);
    }

    @Test
    void shouldKeepTheReturnedConnectionWhenAWaitingBorrowerIsInterrupted() throws Exception
    {
        pool = pool(1);
        final NodeConnection only = pool.acquire();
        final Borrower interrupted = new Borrower();
        awaitWaiting(interrupted);

        interrupted.thread.interrupt();
        final Exception thrown = assertThrows(Exception.class,
            () -> interrupted.borrowed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(thrown.getCause() instanceof DhtClientException, thrown.toString());
        assertTrue(interrupted.interruptedAfter, "the borrower's interrupt is kept");

        pool.release(only);
        assertSame(only, pool.acquire());
    }

    @Test
    void shouldHandOutAnOpenConnectionBeforeOneAFailureClosed() throws IOException
    {
        pool = pool(2);
        final NodeConnection healthy = pool.acquire();
        final NodeConnection broken = pool.acquire();
        roundTrip(healthy, open(healthy));
        final Socket dropped = open(broken);

        dropped.close();
        assertThrows(DhtClientException.class, () -> broken.expectOk(DhtCommand.GET_VERSION.label()));
        assertFalse(broken.isOpen());
        pool.release(healthy);
        pool.release(broken);

        final NodeConnection next = pool.acquire();
        assertSame(healthy, next, "the open connection, though returned before the broken one");
        assertTrue(next.isOpen());
        final NodeConnection last = pool.acquire();
        assertSame(broken, last);
        final Socket reconnected = open(last);
        assertNotSame(dropped, reconnected);
        roundTrip(last, reconnected);
    }

    private NodeConnectionPool pool(final int connections)
    {
        return new NodeConnectionPool(new NodeAddress("127.0.0.1", server.getLocalPort()),
            new DhtClientContext().connectionsPerNode(connections).readTimeout(TIMEOUT));
    }

    /**
     * Sends a GetVersion, which opens the connection when it is closed, and reads it on the node's side.
     *
     * @return the node's side of the connection the request went on, when it was opened by it.
     */
    private Socket open(final NodeConnection connection) throws IOException
    {
        connection.request().command(DhtCommand.GET_VERSION);
        connection.send();
        final Socket node = server.accept();
        node.setSoTimeout((int)TIMEOUT.toMillis());
        final DataInputStream in = new DataInputStream(node.getInputStream());
        assertEquals(DhtCommand.GET_VERSION.code(), Integer.reverseBytes(in.readInt()));
        return node;
    }

    /**
     * Answers the request on the node's side and reads the answer: the connection is in step.
     */
    private static void roundTrip(final NodeConnection connection, final Socket node) throws IOException
    {
        node.getOutputStream().write(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(SwarmStatus.OK.code()).array());
        connection.expectOk(DhtCommand.GET_VERSION.label());
        assertTrue(connection.isOpen());
    }

    private static void awaitWaiting(final Borrower borrower)
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (Thread.State.WAITING != borrower.thread.getState())
        {
            assertTrue(System.nanoTime() < deadline, "the borrower did not wait: " + borrower.thread.getState());
            assertFalse(borrower.borrowed.isDone(), "the borrower got a connection from a pool with none idle");
            Thread.onSpinWait();
        }
    }

    /** @return the connection the one of the two borrowers that got one got. */
    private static NodeConnection anyOf(final Borrower one, final Borrower other) throws Exception
    {
        final NodeConnection got = (NodeConnection)CompletableFuture.anyOf(one.borrowed, other.borrowed)
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertFalse(one.borrowed.isDone() && other.borrowed.isDone(), "one connection went to both borrowers");
        return got;
    }

    /** @return what the second of the two borrowers got, after the first got {@code first}. */
    private static NodeConnection bothOf(final Borrower one, final Borrower other, final NodeConnection first)
        throws Exception
    {
        final NodeConnection ofOne = one.borrowed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        final NodeConnection ofOther = other.borrowed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return first == ofOne ? ofOther : ofOne;
    }

    /**
     * A thread that borrows one connection from the pool and keeps it.
     */
    private final class Borrower
    {
        final CompletableFuture<NodeConnection> borrowed = new CompletableFuture<>();
        final Thread thread;
        volatile boolean interruptedAfter;

        Borrower()
        {
            thread = new Thread(() ->
            {
                try
                {
                    borrowed.complete(pool.acquire());
                }
                catch (final RuntimeException ex)
                {
                    interruptedAfter = Thread.currentThread().isInterrupted();
                    borrowed.completeExceptionally(ex);
                }
            }, "borrower");
            thread.setDaemon(true);
            thread.start();
        }
    }
}
