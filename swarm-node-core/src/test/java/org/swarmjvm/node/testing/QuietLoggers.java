package org.swarmjvm.node.testing;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises loggers that write a line per damaged frame or per channel to ERROR for the length of a run, and puts
 * their levels back at {@link #close()}: hundreds of thousands of WARNING and INFO lines would say nothing more,
 * and ERROR lines still show.
 */
public final class QuietLoggers implements AutoCloseable
{
    private final Logger[] loggers;
    private final Level[] levels;

    /**
     * @param names of the loggers to quieten.
     */
    public QuietLoggers(final String... names)
    {
        loggers = new Logger[names.length];
        levels = new Level[names.length];
        for (int i = 0; i < names.length; i++)
        {
            loggers[i] = Logger.getLogger(names[i]);
            levels[i] = loggers[i].getLevel();
            loggers[i].setLevel(Level.SEVERE);
        }
    }

    @Override
    public void close()
    {
        for (int i = 0; i < loggers.length; i++)
        {
            loggers[i].setLevel(levels[i]);
        }
    }
}
