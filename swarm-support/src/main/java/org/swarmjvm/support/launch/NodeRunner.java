package org.swarmjvm.support.launch;

import picocli.CommandLine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@code main} of every node and of dht-dump: claims the data folder ({@link DataFolder}), starts the program,
 * runs it until SIGTERM or SIGINT, closes it, and tells by the exit status whether the stop was clean:
 * <ul>
 * <li>{@value #EXIT_STOPPED}: stopped cleanly, everything written;</li>
 * <li>{@value #EXIT_STOP_FAILED}: closing failed, e.g. a channel's dump could not be written: data the log names
 *     is lost;</li>
 * <li>{@value #EXIT_START_FAILED}: did not start (data folder not writable or in use, port taken, bad data).</li>
 * </ul>
 * The JVM's own handling of SIGTERM and SIGINT would start its shutdown at once, and a JVM that is shutting down
 * exits with 128 + signal whatever the program concludes (a {@code System.exit} then blocks forever; only
 * {@code Runtime.halt} could change the status, skipping the other shutdown hooks). So the runner takes both
 * signals over: the JVM goes on running until the program is closed, then exits normally with the status above.
 * A JVM shutdown started any other way (SIGHUP, {@code System.exit} elsewhere) still closes the program first, as
 * with Agrona's {@code ShutdownSignalBarrier}, but keeps that shutdown's status.
 * <p>
 * Under a {@code Type=notify} systemd unit the runner tells systemd when the program serves (it has started:
 * listeners bound, data loaded) and when it begins to stop ({@link SystemdNotifier}); elsewhere nothing happens.
 */
public final class NodeRunner
{
    /** Exit status of a clean stop. */
    public static final int EXIT_STOPPED = 0;
    /** Exit status when closing failed: the log says what was not written. */
    public static final int EXIT_STOP_FAILED = 1;
    /** Exit status when the program did not start. */
    public static final int EXIT_START_FAILED = 2;

    private static final Logger LOG = System.getLogger(NodeRunner.class.getName());
    private static final String[] SIGNALS = {"TERM", "INT"};

    private final String program;
    private final SystemdNotifier notifier;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<String> reason = new AtomicReference<>();
    /** Set once the launch has returned: a signal before that waits for a start that may take minutes (a load). */
    private volatile boolean started;

    NodeRunner(final String program, final SystemdNotifier notifier)
    {
        this.program = program;
        this.notifier = notifier;
    }

    /**
     * The command line of a program's {@code main}: an exception from reading its config or from starting it is
     * printed as one line, {@code <program>: <message>}, and ends the program with {@value #EXIT_START_FAILED},
     * instead of picocli's stack trace; the message names the file, and where there is one, the key and the line.
     *
     * @param program its name, e.g. {@code dht-node}.
     * @param command the picocli command object.
     * @return the command line to {@code execute} the arguments with.
     */
    public static CommandLine commandLine(final String program, final Object command)
    {
        return new CommandLine(command).setExecutionExceptionHandler((ex, commandLine, parsed) ->
        {
            commandLine.getErr().println(program + ": " + ex.getMessage());
            commandLine.getErr().flush();
            return EXIT_START_FAILED;
        });
    }

    /**
     * Runs a program until SIGTERM or SIGINT, then closes it.
     *
     * @param program    its name, e.g. {@code dht-node}: names the lock file and the log lines.
     * @param dataFolder the folder it owns for its life.
     * @param launch     starts it; what it returns is closed at the end.
     * @return the exit status for {@code System.exit}.
     */
    public static int run(final String program, final Path dataFolder, final Supplier<? extends AutoCloseable> launch)
    {
        final NodeRunner runner = new NodeRunner(program, SystemdNotifier.fromEnvironment());
        handleSignals(runner::onSignal);
        Runtime.getRuntime().addShutdownHook(new Thread(runner::onJvmShutdown, program + "-shutdown"));
        try
        {
            return runner.run(dataFolder, launch);
        }
        finally
        {
            runner.closed.countDown();
        }
    }

    /**
     * Claims the folder, launches, waits for a stop (a signal or the JVM's shutdown), closes.
     *
     * @return the exit status.
     */
    int run(final Path dataFolder, final Supplier<? extends AutoCloseable> launch)
    {
        try (DataFolder ignored = DataFolder.claim(dataFolder, program))
        {
            final AutoCloseable running;
            try
            {
                running = launch.get();
            }
            catch (final RuntimeException ex)
            {
                LOG.log(Level.ERROR, program + " cannot start: " + ex.getMessage(), ex);
                return EXIT_START_FAILED;
            }
            started = true;
            notifier.ready(program + " serves");
            awaitStop();
            LOG.log(Level.INFO, "{0}: {1}, stopping", program, reason.get());
            notifier.stopping(program + " stopping: " + reason.get());
            try
            {
                running.close();
            }
            catch (final Exception ex)
            {
                LOG.log(Level.ERROR, program + " stopped, but not cleanly (exit status " + EXIT_STOP_FAILED + "): " +
                    ex.getMessage(), ex);
                return EXIT_STOP_FAILED;
            }
            LOG.log(Level.INFO, "{0} stopped cleanly", program);
            return EXIT_STOPPED;
        }
        catch (final DataFolder.UnusableException ex)
        {
            LOG.log(Level.ERROR, "{0} refuses to start: {1}", program, ex.getMessage());
            return EXIT_START_FAILED;
        }
    }

    /**
     * @param signal the signal's name, e.g. {@code TERM}: the program stops.
     */
    void onSignal(final String signal)
    {
        if (!reason.compareAndSet(null, signal + " received"))
        {
            LOG.log(Level.INFO, "{0} received again: {1} is still stopping", signal, program);
        }
        else if (!started)
        {
            // Said at once, so that an operator waiting on a long load knows the signal arrived and will be obeyed.
            LOG.log(Level.INFO, "{0}: {1} received while starting, stops as soon as its start ends", program, signal);
        }
        stop.countDown();
    }

    private void onJvmShutdown()
    {
        reason.compareAndSet(null, "the JVM is shutting down");
        stop.countDown();
        awaitUninterruptibly(closed);
    }

    private void awaitStop()
    {
        awaitUninterruptibly(stop);
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        boolean interrupted = false;
        while (latch.getCount() > 0)
        {
            try
            {
                latch.await();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Installs handlers for SIGTERM and SIGINT through {@code sun.misc.Signal}, the supported API for this (JEP
     * 260 keeps it accessible). Reflection only because javac's warning for that package cannot be suppressed
     * and the build treats warnings as errors.
     */
    private static void handleSignals(final Consumer<String> onSignal)
    {
        try
        {
            final Class<?> signalClass = Class.forName("sun.misc.Signal");
            final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            final MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            final MethodHandle newSignal = lookup.findConstructor(signalClass,
                MethodType.methodType(void.class, String.class));
            final MethodHandle handle = lookup.findStatic(signalClass, "handle",
                MethodType.methodType(handlerClass, signalClass, handlerClass));
            final Consumer<Object> named = signal -> onSignal.accept(signal.toString());
            final Object handler = MethodHandleProxies.asInterfaceInstance(handlerClass, lookup
                .findVirtual(Consumer.class, "accept", MethodType.methodType(void.class, Object.class))
                .bindTo(named));
            for (final String name : SIGNALS)
            {
                handle.invoke(newSignal.invoke(name), handler);
            }
        }
        catch (final Error | RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("cannot handle SIGTERM and SIGINT: " + ex, ex);
        }
    }
}
