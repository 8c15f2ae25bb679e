package org.swarmjvm.cli;

/**
 * A command failed in a way the user should read as one line, with the exit code scripts test.
 */
public final class CliException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCode}.
     * @param message  one line saying what failed.
     */
    public CliException(final int exitCode, final String message)
    {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode one of {@link ExitCode}.
     * @param message  one line saying what failed.
     * @param cause    the underlying failure.
     */
    public CliException(final int exitCode, final String message, final Throwable cause)
    {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * @return the exit code.
     */
    public int exitCode()
    {
        return exitCode;
    }
}
