package org.swarmjvm.cli;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.client.DhtClientException;
import org.swarmjvm.protocol.dht.client.DhtHandshakeException;
import org.swarmjvm.protocol.dht.client.DhtStatusException;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.queue.client.QueueClientException;

import java.io.IOException;
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

    /**
     * @param ex a failure of the queue client: a node refused with a status, or no node could be reached.
     * @return the failure to report: status, else unreachable.
     */
    public static CliException ofQueue(final QueueClientException ex)
    {
        if (null != ex.status())
        {
            return new CliException(ExitCode.STATUS, ex.getMessage() + " (" + ex.status().code() + ")", ex);
        }
        Throwable cause = ex.getCause();
        while (null != cause && null != cause.getCause())
        {
            cause = cause.getCause();
        }
        return new CliException(ExitCode.UNREACHABLE,
            ex.getMessage() + (null == cause ? "" : ": " + cause.getMessage()), ex);
    }

    /**
     * @param request the request's name, such as "GetRange".
     * @param node    the node asked.
     * @param ex      the failure to connect to the node, or of the request on it.
     * @return the failure to report: unreachable.
     */
    public static CliException ofIo(final String request, final NodeAddress node, final IOException ex)
    {
        final String message = isUnreachable(ex) ? "cannot connect to " + node + ": " + ex.getMessage() :
            request + " to " + node + " failed: " + ex.getMessage();
        return new CliException(ExitCode.UNREACHABLE, message, ex);
    }

    /**
     * @param request the request's name, such as "Put".
     * @param node    the node that answered.
     * @param status  its answer, not OK.
     * @return the failure to report: status.
     */
    public static CliException ofStatus(final String request, final NodeAddress node, final SwarmStatus status)
    {
        return new CliException(ExitCode.STATUS,
            request + " to " + node + " answered " + status + " (" + status.code() + ")");
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
