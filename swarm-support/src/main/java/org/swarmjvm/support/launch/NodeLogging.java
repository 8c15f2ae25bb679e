package org.swarmjvm.support.launch;

import java.util.logging.LogManager;

/**
 * The operator log: one line per event, {@code date time,millis LEVEL logger: message}, unless the operator
 * configured java.util.logging otherwise; and lines logged while the node shuts down are kept.
 * <p>
 * The JDK's log manager closes every handler in a shutdown hook of its own, which runs beside the hook that stops
 * the node: the node's last lines (each channel dumped, "stopped") would be lost. The log manager installed here
 * leaves its handlers open; the JVM flushes them as it exits.
 */
public final class NodeLogging
{
    private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    private static final String MANAGER_PROPERTY = "java.util.logging.manager";
    private static final String ONE_LINE_FORMAT = "%1$tF %1$tT,%1$tL %4$s %3$s: %5$s%6$s%n";

    private NodeLogging()
    {
    }

    /**
     * A log manager whose handlers stay open through JVM shutdown.
     */
    public static final class ShutdownSafeLogManager extends LogManager
    {
        /**
         * Created by the JDK when named by {@code java.util.logging.manager}.
         */
        public ShutdownSafeLogManager()
        {
        }

        /**
         * Does nothing: called by the JDK at shutdown (and before reading a configuration, when there is nothing
         * to reset yet), it would close the handlers the last log lines need.
         */
        @Override
        public void reset()
        {
        }
    }

    /**
     * Installs the log manager and the one-line format; call first thing in {@code main}, before anything logs.
     */
    public static void install()
    {
        if (null == System.getProperty(MANAGER_PROPERTY))
        {
            System.setProperty(MANAGER_PROPERTY, ShutdownSafeLogManager.class.getName());
        }
        if (null == System.getProperty(FORMAT_PROPERTY) && null == System.getProperty("java.util.logging.config.file"))
        {
            System.setProperty(FORMAT_PROPERTY, ONE_LINE_FORMAT);
        }
    }
}
