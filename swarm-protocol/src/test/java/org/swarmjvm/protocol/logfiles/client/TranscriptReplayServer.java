package org.swarmjvm.protocol.logfiles.client;

import org.swarmjvm.protocol.logfiles.LogfilesTranscript;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Plays the node's side of one connection of a transcript to a client under test: it expects each client line
 * byte for byte and answers with the node's recorded bytes. A client that closes while the server waits for its
 * next request ends the replay early, which is not a failure; {@link #exchanges()} tells how far it got.
 */
final class TranscriptReplayServer implements AutoCloseable
{
    private final ServerSocket serverSocket;
    private final Thread thread;
    private final List<LogfilesTranscript.Event> events;
    private volatile String failure;
    private volatile int exchanges;

    TranscriptReplayServer(final LogfilesTranscript transcript, final String connection) throws IOException
    {
        this.events = transcript.eventsOf(connection);
        this.serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::run, "replay-" + transcript.name());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    InetSocketAddress address()
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort());
    }

    /**
     * Waits for the replay to end and reports a mismatch.
     *
     * @return the client lines that matched.
     * @throws InterruptedException when interrupted.
     */
    int awaitEnd() throws InterruptedException
    {
        thread.join(10_000);
        if (thread.isAlive())
        {
            throw new AssertionError("replay did not end");
        }
        if (null != failure)
        {
            throw new AssertionError(failure);
        }
        return exchanges;
    }

    int exchanges()
    {
        return exchanges;
    }

    @Override
    public void close() throws IOException
    {
        serverSocket.close();
    }

    private void run()
    {
        try (Socket socket = serverSocket.accept())
        {
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            for (final LogfilesTranscript.Event event : events)
            {
                switch (event.kind())
                {
                    case CLIENT:
                        final byte[] got = in.readNBytes(event.bytes().length);
                        if (0 == got.length)
                        {
                            return;
                        }
                        if (!Arrays.equals(got, event.bytes()))
                        {
                            failure = "client sent " + HexFormat.of().formatHex(got) + "\nexpected    " +
                                HexFormat.of().formatHex(event.bytes()) + "\n" + event.comment();
                            return;
                        }
                        exchanges++;
                        break;
                    case SERVER:
                        out.write(event.bytes());
                        out.flush();
                        break;
                    case EOF:
                    case CLOSE:
                        return;
                    default:
                        break;
                }
            }
        }
        catch (final IOException ex)
        {
            failure = "replay failed: " + ex;
        }
    }
}
