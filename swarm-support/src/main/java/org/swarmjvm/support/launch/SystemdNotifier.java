package org.swarmjvm.support.launch;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tells systemd that a program started by a {@code Type=notify} unit is ready or stopping, through
 * {@code systemd-notify}: systemd sets {@code NOTIFY_SOCKET} for such a unit, and without it (a program started by
 * hand, a test, another service manager) nothing happens.
 * <p>
 * The socket is a Unix datagram socket, which Java 17 cannot open; {@code systemd-notify} waits until systemd has
 * processed the message before it exits (unless told {@code --no-block}), so systemd can still tell which unit the
 * short-lived sender belongs to. The unit needs {@code NotifyAccess=all}, the sender being a child of the JVM.
 */
final class SystemdNotifier
{
    /** The variable systemd sets for a {@code Type=notify} service. */
    static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";
    /** How long a notice may take; systemd-notify itself gives up after 5 s waiting for systemd. */
    static final long TIMEOUT_MILLIS = 10_000;

    private static final Logger LOG = System.getLogger(SystemdNotifier.class.getName());

    private final String command;
    private final boolean notifying;

    /**
     * @param command   the notify program, {@code systemd-notify} on the path in production.
     * @param notifying whether a service manager waits for notices ({@code NOTIFY_SOCKET} is set).
     */
    SystemdNotifier(final String command, final boolean notifying)
    {
        this.command = command;
        this.notifying = notifying;
    }

    /**
     * @return the notifier of this process: {@code systemd-notify}, when {@code NOTIFY_SOCKET} is set.
     */
    static SystemdNotifier fromEnvironment()
    {
        return new SystemdNotifier("systemd-notify", null != System.getenv(NOTIFY_SOCKET));
    }

    /**
     * The program serves: its listeners are bound and its data is loaded ({@code READY=1}).
     *
     * @param status a line for {@code systemctl status}.
     */
    void ready(final String status)
    {
        tell("--ready", "--status=" + status);
    }

    /**
     * The program has begun to stop ({@code STOPPING=1}): systemd shows the unit as deactivating.
     *
     * @param status a line for {@code systemctl status}.
     */
    void stopping(final String status)
    {
        tell("STOPPING=1", "--status=" + status);
    }

    /**
     * Runs the notify program with the arguments and waits for it. A notice that fails is logged and otherwise
     * ignored: the program serves either way, and systemd's start timeout tells the operator.
     */
    private void tell(final String... arguments)
    {
        if (!notifying)
        {
            return;
        }
        final List<String> commandLine = new ArrayList<>(arguments.length + 1);
        commandLine.add(command);
        commandLine.addAll(List.of(arguments));
        try
        {
            final Process process = new ProcessBuilder(commandLine).inheritIO().start();
            if (!process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                LOG.log(Level.WARNING, "{0} did not finish within {1,number,#} ms: systemd may not have been told",
                    commandLine, TIMEOUT_MILLIS);
            }
            else if (0 != process.exitValue())
            {
                LOG.log(Level.WARNING, "{0} failed with exit status {1}: systemd may not have been told",
                    commandLine, process.exitValue());
            }
        }
        catch (final IOException ex)
        {
            LOG.log(Level.WARNING, "cannot run {0}: {1}; systemd has not been told", commandLine, ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "interrupted while running {0}: systemd may not have been told", commandLine);
        }
    }
}
