package org.swarmjvm.dht.node.request;

import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.protocol.SwarmStatus;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;

/**
 * Tells the operator about requests refused with a status (BadChannelName, WrongNode, EmptyValue, ValueTooBig,
 * OutOfMemory, Error): a WARNING the first time a connection gets each status, DEBUG after that, so a client that
 * keeps sending the same bad request over its persistent connection is visible without flooding the log. One
 * instance per connection slot, shared by its handlers; it allocates nothing per request.
 */
final class RefusalLog
{
    private static final Logger LOG = System.getLogger(RefusalLog.class.getName());
    private static final long NO_CONNECTION = -1;

    /** By status ordinal: the connection last warned about that status. */
    private final long[] warnedConnection = new long[SwarmStatus.values().length];

    RefusalLog()
    {
        Arrays.fill(warnedConnection, NO_CONNECTION);
    }

    /**
     * @param handler a request handler's class.
     * @return the command's name the log gives: the class name without its {@code Handler} suffix.
     */
    static String commandName(final Class<?> handler)
    {
        final String className = handler.getSimpleName();
        return className.endsWith("Handler") ?
            className.substring(0, className.length() - "Handler".length()) : className;
    }

    /**
     * Writes a status alone; a refusal (any status but OK) is logged.
     *
     * @param command the request's name.
     * @param reply   to write to.
     * @param status  to send.
     * @return {@link Progress#DONE}.
     */
    Progress answer(final String command, final Reply reply, final SwarmStatus status)
    {
        if (SwarmStatus.OK != status)
        {
            onRefused(command, status, reply);
        }
        return reply.status(status);
    }

    /**
     * Logs a refusal.
     *
     * @param command the refused request's name.
     * @param status  answered.
     * @param reply   of the connection.
     */
    private void onRefused(final String command, final SwarmStatus status, final Reply reply)
    {
        final int index = status.ordinal();
        final long connection = reply.connectionId();
        if (warnedConnection[index] != connection)
        {
            warnedConnection[index] = connection;
            LOG.log(Level.WARNING, "connection {0,number,#} from {1}: {2} answered {3,number,#} {4} (further {4} " +
                "answers on this connection are logged at DEBUG)", connection, reply.remoteAddress(), command,
                status.code(), status);
        }
        else if (LOG.isLoggable(Level.DEBUG))
        {
            LOG.log(Level.DEBUG, "connection {0,number,#} from {1}: {2} answered {3,number,#} {4}", connection,
                reply.remoteAddress(), command, status.code(), status);
        }
    }
}
