package org.swarmjvm.cli;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.client.DhtClientException;
import org.swarmjvm.protocol.dht.client.DhtHandshakeException;
import org.swarmjvm.protocol.dht.client.DhtStatusException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Turns the clients' exceptions into one line and an {@link ExitCode}.
 */
public final class Failures
{
    private static final String CONNECTION_CLOSED = "; connection closed";

    private Failures()
    {
    }

    /**
     * @param ex a failure of a request on an established client.
     * @return the failure to report.
     */
    public static CliException ofRequest(final DhtClientException ex)
    {
        if (ex instanceof DhtStatusException)
        {
            if (SwarmStatus.WRONG_NODE == ((DhtStatusException)ex).status())
            {
                return new CliException(ExitCode.WRONG_NODE, withoutSuffix(ex.getMessage()) +
                    " (the node's range no longer holds the key: check swarm dht ranges)", ex);
            }
            return new CliException(ExitCode.STATUS, withoutSuffix(ex.getMessage()), ex);
        }
        return new CliException(ExitCode.UNREACHABLE, unreachableMessage(ex), ex);
    }

    /**
     * @param ex a failure while connecting and running the handshake.
     * @return the failure to report: unreachable when the node could not be reached, else wrong node.
     */
    public static CliException ofHandshake(final DhtClientException ex)
    {
        if (ex instanceof DhtHandshakeException)
        {
            final String hint = ex.getMessage().startsWith("gap:") ?
                " (name every node of the DHT, as with --nodes FILE)" : "";
            return new CliException(ExitCode.WRONG_NODE, ex.getMessage() + hint, ex);
        }
        if (isUnreachable(ex))
        {
            return new CliException(ExitCode.UNREACHABLE, unreachableMessage(ex), ex);
        }
        return new CliException(ExitCode.WRONG_NODE,
            "not a DHT node? the handshake (GetVersion, GetResponsibleRange) failed: " + withoutSuffix(ex.getMessage()),
            ex);
    }

    private static boolean isUnreachable(final Throwable ex)
    {
        for (Throwable cause = ex; null != cause; cause = cause.getCause())
        {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException ||
                cause instanceof NoRouteToHostException ||
                (cause instanceof SocketTimeoutException && cause.getMessage().contains("connect")))
            {
                return true;
            }
        }
        return false;
    }

    private static String unreachableMessage(final DhtClientException ex)
    {
        String message = ex.getMessage();
        if (isUnreachable(ex))
        {
            message = message.replace("cannot send to", "cannot connect to");
        }
        return withoutSuffix(message);
    }

    private static String withoutSuffix(final String message)
    {
        // The client says it closed the connection; a command line ends anyway, so that is noise here.
        return message.endsWith(CONNECTION_CLOSED) ?
            message.substring(0, message.length() - CONNECTION_CLOSED.length()) : message;
    }
}
