package org.swarmjvm.node.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * A node running in its own JVM, started from this JVM's class path with the project's JVM flags, its output
 * going to a log file. Crash tests kill it with {@link #kill9()} and stop it cleanly with {@link #terminate()}.
 */
public final class NodeProcess implements AutoCloseable
{
    /** System property holding the parent pom's {@code jvm.flags}, set by surefire. */
    public static final String JVM_FLAGS_PROPERTY = "swarm.jvm.flags";

    /** A crash round starts a JVM for a few thousand requests: start fast rather than run fast. */
    public static final String[] QUICK_START_FLAGS = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
        "-XX:MaxDirectMemorySize=256m", "-Xshare:auto"};

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Process process;
    private final Path log;
    private final int port;
    private volatile boolean killRequested;

    private NodeProcess(final Process process, final Path log, final int port)
    {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a node and waits until it says in its log that it listens on its port, and the port accepts a
     * connection.
     *
     * @param mainClass    the node's main class.
     * @param args         its arguments, e.g. {@code -c config.ini}.
     * @param port         the node listens on, as its config says.
     * @param log          file for its standard output and error, appended to.
     * @param startTimeout longest wait until the port accepts connections.
     * @param extraFlags   further JVM flags, e.g. {@code -Xmx256m}.
     * @return the running node.
     */
    public static NodeProcess start(
        final String mainClass, final List<String> args, final int port, final Path log, final Duration startTimeout,
        final String... extraFlags)
    {
        final long logStart = log.toFile().length();
        final Process process;
        try
        {
            process = new ProcessBuilder(javaCommand(mainClass, args, extraFlags))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + mainClass, ex);
        }
        final NodeProcess node = new NodeProcess(process, log, port);
        node.awaitListening(startTimeout, logStart);
        return node;
    }

    /**
     * Starts a program without waiting for anything: for one that listens on no port (dht-dump), or one expected
     * to refuse to start.
     *
     * @param mainClass  the program's main class.
     * @param args       its arguments, e.g. {@code -c config.ini}.
     * @param log        file for its standard output and error, appended to.
     * @param extraFlags further JVM flags.
     * @return the process, port 0.
     */
    public static NodeProcess spawn(final String mainClass, final List<String> args, final Path log,
        final String... extraFlags)
    {
        try
        {
            return new NodeProcess(new ProcessBuilder(javaCommand(mainClass, args, extraFlags))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start(), log, 0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + mainClass, ex);
        }
    }

    /**
     * Starts a node on a free port with a config written for it, as {@code <node> -c config.ini} would run, its
     * output going to {@code node.log} beside the config; when the node exits before it listens (the port was
     * taken meanwhile), twice more on other ports.
     *
     * @param mainClass  the node's main class.
     * @param work       folder for {@code config.ini} and {@code node.log}.
     * @param config     the config's text for a given port.
     * @param extraFlags further JVM flags.
     * @return the running node.
     */
    public static NodeProcess startWithConfig(
        final String mainClass, final Path work, final IntFunction<String> config, final String... extraFlags)
    {
        for (int attempt = 1; ; attempt++)
        {
            final int port = freePort();
            final Path file = work.resolve("config.ini");
            try
            {
                Files.writeString(file, config.apply(port));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            try
            {
                return start(mainClass, List.of("-c", file.toString()), port, work.resolve("node.log"),
                    START_TIMEOUT, extraFlags);
            }
            catch (final ExitedBeforeListening ex)
            {
                if (attempt == START_ATTEMPTS)
                {
                    throw ex;
                }
                // Most likely another process took the port between freePort() and the bind: try another.
            }
        }
    }

    /**
     * The command that runs a main class of this JVM's class path in a JVM of its own, with the project's JVM flags
     * and this JVM's logging config.
     *
     * @param mainClass  to run.
     * @param args       its arguments.
     * @param extraFlags further JVM flags, e.g. {@code -Xmx256m}.
     * @return the command, for a {@link ProcessBuilder}.
     */
    public static List<String> javaCommand(final String mainClass, final List<String> args,
        final String... extraFlags)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.addAll(Arrays.asList(extraFlags));
        command.add("-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * The project's JVM flags: the surefire-provided property, or else the {@code --add-*} flags this JVM runs with.
     *
     * @return the flags, one per element.
     */
    public static List<String> jvmFlags()
    {
        final String flags = System.getProperty(JVM_FLAGS_PROPERTY);
        if (null != flags && !flags.isBlank())
        {
            return Arrays.asList(flags.trim().split("\\s+"));
        }
        final List<String> inherited = new ArrayList<>();
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle"))
            {
                inherited.add(flag);
            }
        }
        return inherited;
    }

    /**
     * @return a TCP port on 127.0.0.1 that was free a moment ago.
     */
    public static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the port the node listens on.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return the address the node listens on.
     */
    public InetSocketAddress address()
    {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /**
     * @param lines how many lines from the end.
     * @return the end of the node's log, for a failure message.
     */
    public String logTail(final int lines)
    {
        try
        {
            final List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (final IOException ex)
        {
            return "(the log " + log + " cannot be read: " + ex + ")";
        }
    }

    /**
     * @return the operating system's id of the process.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * @return true while the process runs.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * @return true once {@link #kill9()} was called: a client that fails from then on failed because of the kill.
     */
    public boolean isKillRequested()
    {
        return killRequested;
    }

    /**
     * Runs a load on its own thread and sends SIGKILL once it made {@code killAfter} requests (or ended early),
     * then waits for the load to give up.
     *
     * @param killAfter requests the load makes before the kill.
     * @param timeout   longest wait for those requests.
     * @param load      counts its requests in the given counter; it must return once the node is gone; what it
     *                  throws fails the caller.
     */
    public void kill9During(final int killAfter, final Duration timeout, final Consumer<AtomicInteger> load)
    {
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread loader = new Thread(() ->
        {
            try
            {
                load.accept(done);
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "crash-load");
        loader.start();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (done.get() < killAfter && loader.isAlive())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("the load did not make " + killAfter + " requests within " + timeout);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        kill9();
        try
        {
            loader.join(timeout.toMillis());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (loader.isAlive())
        {
            throw new AssertionError("the load did not end within " + timeout + " of the kill");
        }
        if (failure.get() instanceof Error)
        {
            throw (Error)failure.get();
        }
        if (null != failure.get())
        {
            throw new AssertionError("the load failed before the kill", failure.get());
        }
    }

    /**
     * SIGKILL, then waits until the process is gone.
     */
    public void kill9()
    {
        killRequested = true;
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * Watches a condition as fast as it can be polled and sends SIGKILL the moment it holds, unless the process
     * exits first: a kill at a chosen point, e.g. while a dump's temporary file exists.
     *
     * @param condition the crash point.
     * @param timeout   longest wait.
     * @return true when the process was killed at the crash point, false when it had exited by itself.
     */
    public boolean kill9When(final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive())
        {
            if (condition.getAsBoolean())
            {
                kill9();
                return true;
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("neither the crash point nor the exit came within " + timeout);
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /**
     * Waits until the process's log has a line containing a text, e.g. that it started.
     *
     * @param text    to look for.
     * @param timeout longest wait.
     */
    public void awaitLog(final String text, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (logTail(Integer.MAX_VALUE).lines().noneMatch(line -> line.contains(text)))
        {
            if (!process.isAlive() || System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("no line with \"" + text + "\" in the log of process " + pid() +
                    (process.isAlive() ? " within " + timeout : ", which exited") + "; its log ends:\n" +
                    logTail(20));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Sends a signal, then waits for the exit.
     *
     * @param signal  its name as {@code kill -s} takes it, e.g. {@code INT}.
     * @param timeout longest wait.
     * @return the exit code.
     */
    public int stop(final String signal, final Duration timeout)
    {
        try
        {
            final Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || 0 != kill.exitValue())
            {
                throw new AssertionError("kill -s " + signal + " " + pid() + " failed");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        return awaitExit(timeout);
    }

    /**
     * Sends SIGTERM without waiting: the node starts its clean shutdown.
     */
    public void sigterm()
    {
        process.destroy();
    }

    /**
     * SIGTERM, then waits for the exit.
     *
     * @param timeout longest wait.
     * @return the exit code.
     */
    public int terminate(final Duration timeout)
    {
        sigterm();
        return awaitExit(timeout);
    }

    /**
     * @param timeout longest wait.
     * @return the exit code.
     */
    public int awaitExit(final Duration timeout)
    {
        try
        {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new AssertionError("node process " + pid() + " did not exit within " + timeout + "; log " + log);
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            kill9();
        }
    }

    /**
     * Waits until the node says in its log that it listens on its port, then until the port accepts a connection:
     * on a machine shared with other builds, a port found free a moment ago may have been taken meanwhile, and a
     * connection alone could reach the other process while this node failed to bind.
     */
    private void awaitListening(final Duration timeout, final long logStart)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final String listening = ":" + port + ",";
        while (!saysListening(logStart, listening))
        {
            if (!process.isAlive())
            {
                throw new ExitedBeforeListening("node process exited with " + process.exitValue() + " before " +
                    "listening on " + port + "; its log ends:\n" + logTail(20), process.exitValue());
            }
            if (System.nanoTime() - deadline > 0)
            {
                process.destroyForcibly();
                throw new AssertionError("node process did not listen on " + port + " within " + timeout +
                    "; log " + log);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        try (Socket probe = new Socket())
        {
            probe.connect(address(), (int)timeout.toMillis());
        }
        catch (final IOException ex)
        {
            throw new AssertionError("node process logged that it listens on " + port + " but refused a " +
                "connection: " + ex + "; log " + log, ex);
        }
    }

    private boolean saysListening(final long logStart, final String portText)
    {
        try
        {
            final byte[] all = Files.readAllBytes(log);
            final String text = new String(all, (int)Math.min(logStart, all.length),
                (int)Math.max(0, all.length - logStart), StandardCharsets.UTF_8);
            return text.lines().anyMatch(line -> line.contains(" listening on ") && line.contains(portText));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * The node exited before it listened, e.g. because another process took its port first.
     */
    public static final class ExitedBeforeListening extends AssertionError
    {
        private static final long serialVersionUID = 1L;

        private final int exitCode;

        ExitedBeforeListening(final String message, final int exitCode)
        {
            super(message);
            this.exitCode = exitCode;
        }

        /**
         * @return the node's exit code.
         */
        public int exitCode()
        {
            return exitCode;
        }
    }
}
