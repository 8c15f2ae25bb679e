package org.swarmjvm.node.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.process.NodeProcess;
import org.swarmjvm.support.launch.NodeRunner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a program (each node and dht-dump) treats its config, written once and run against every program by a
 * subclass that supplies a valid config, a misspelt key and broken values: a misspelt key gets one WARNING line
 * naming the file, line, section and key, at a real start and under {@code --check-config}, and does not stop the
 * program; {@code --check-config} on a broken config exits 2 with exactly one line naming the file, line, key and
 * value; on a valid one it exits 0.
 */
@Timeout(300)
public abstract class ConfigCheckSuite
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CHECK_PORT = 10000;

    /** A config to check, or the program's folder. */
    @TempDir
    protected Path work;

    private final String program;
    private final Supplier<Object> command;
    private final Path exampleConfig;

    /**
     * @param program       the program's name, as its messages start.
     * @param command       makes the program's picocli command, as its {@code main} does.
     * @param exampleConfig the example config shipped in {@code etc/}, e.g. {@code config.ini}.
     */
    protected ConfigCheckSuite(final String program, final Supplier<Object> command, final String exampleConfig)
    {
        this.program = program;
        this.command = command;
        this.exampleConfig = Path.of("..", "etc", exampleConfig);
    }

    /**
     * A value the program must refuse.
     *
     * @param lines  appended to the valid config, a section header then the bad line last.
     * @param reason the message after {@code <file>:<line>: }, e.g. {@code [Server] port = x: must be a whole
     *               number}.
     */
    public record Broken(List<String> lines, String reason)
    {
        /**
         * @param section of the bad line.
         * @param line    {@code key = value}.
         * @param reason  as above.
         * @return the case.
         */
        public static Broken of(final String section, final String line, final String reason)
        {
            return new Broken(List.of("[" + section + "]", line), reason);
        }
    }

    /**
     * @param folder for the program's files.
     * @param port   the program serves on, or talks to.
     * @return the lines of a valid config.
     */
    protected abstract List<String> config(Path folder, int port);

    /**
     * @return a misspelt key, e.g. {@code Broken.of("Options_Memory", "chanel_capacity = 1", "[Options_Memory]
     *         chanel_capacity: unknown key, ignored")}: its reason is the warning after {@code <file>:<line>: }.
     */
    protected abstract Broken misspelling();

    /**
     * @return values the program must refuse, with its reasons; at least a negative size, a non-number and a bad
     *         address.
     */
    protected abstract List<Broken> brokenValues();

    /**
     * @return lines, with their section headers, of the keys the original program reads and this one does not use,
     *         as the original's example and test configs have them: an original config must start without warnings.
     */
    protected abstract List<String> originalsKeys();

    /**
     * @param folder for the node's files.
     * @param port   the node serves on.
     * @param more   lines after those every node has, each group with its section header.
     * @return a node's config: {@code [Server] address = 127.0.0.1}, {@code port}, {@code data_dir}, and
     *         {@code [STATS] file_name} in {@code folder}, then {@code more}.
     */
    protected static List<String> nodeConfig(final Path folder, final int port, final String... more)
    {
        final List<String> lines = new ArrayList<>(List.of("[Server]", "address = 127.0.0.1", "port = " + port,
            "data_dir = " + folder.resolve("data").toAbsolutePath(), "[STATS]",
            "file_name = " + folder.resolve("stats.log").toAbsolutePath()));
        lines.addAll(List.of(more));
        return lines;
    }

    /**
     * Starts the program in a JVM of its own and waits until it serves; nodes start with a free port.
     *
     * @param folder for the config and the log.
     * @param config the config's text for a port.
     * @return the running program.
     */
    protected NodeProcess startServing(final Path folder, final IntFunction<String> config)
    {
        return NodeProcess.startWithConfig(command.get().getClass().getName(), folder, config,
            NodeProcess.QUICK_START_FLAGS);
    }

    @Test
    void shouldWarnOnceAboutAMisspeltKeyAndServeWhenStarted() throws IOException
    {
        final Broken misspelling = misspelling();
        final Path folder = Files.createDirectories(work.resolve("started"));
        try (NodeProcess program = startServing(folder, port -> text(config(folder, port), misspelling.lines())))
        {
            final String warning = warning(folder.resolve("config.ini"), misspelling);
            final String log = program.logTail(Integer.MAX_VALUE);
            assertEquals(1, log.lines().filter(line -> line.contains("WARNING") && line.contains(warning)).count(),
                log);
            assertEquals(NodeRunner.EXIT_STOPPED, program.stop("TERM", TIMEOUT), program.logTail(20));
        }
    }

    @Test
    void shouldWarnAboutAMisspeltKeyAndExitZeroWhenCheckingIt() throws IOException
    {
        final Broken misspelling = misspelling();
        final Path config = write(misspelling.lines());
        try (LogCapture log = new LogCapture())
        {
            final Run run = run("-c", config.toString(), "--check-config");
            assertEquals(NodeRunner.EXIT_STOPPED, run.status, run::toString);
            assertEquals(program + ": " + config + " is valid" + System.lineSeparator(), run.out, run::toString);
            assertEquals("", run.err);
            assertEquals(List.of("WARNING " + warning(config, misspelling)), log.messagesAtLeast(Level.WARNING));
        }
    }

    @Test
    void shouldExitZeroWithoutWarningsWhenCheckingAValidConfig() throws IOException
    {
        final Path config = write(List.of());
        try (LogCapture log = new LogCapture())
        {
            final Run run = run("-c", config.toString(), "--check-config");
            assertEquals(NodeRunner.EXIT_STOPPED, run.status, run::toString);
            assertEquals(List.of(), log.messagesAtLeast(Level.WARNING));
        }
    }

    @Test
    void shouldNotWarnAboutTheShippedExampleOrTheKeysOfAnOriginalConfig() throws IOException
    {
        final Path original = write("original.ini", originalsKeys());
        try (LogCapture log = new LogCapture())
        {
            final Run example = run("-c", exampleConfig.toString(), "--check-config");
            final Run originals = run("-c", original.toString(), "--check-config");
            assertEquals(List.of(NodeRunner.EXIT_STOPPED, NodeRunner.EXIT_STOPPED),
                List.of(example.status, originals.status), example + " " + originals);
            assertEquals(List.of(), log.messagesAtLeast(Level.WARNING));
        }
    }

    @Test
    void shouldExitTwoWithOneLineNamingFileLineKeyAndValueWhenCheckingABrokenConfig() throws IOException
    {
        final List<Broken> cases = brokenValues();
        final List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++)
        {
            final Broken broken = cases.get(i);
            final Path config = write("broken-" + i + ".ini", broken.lines());
            final Run run = run("-c", config.toString(), "--check-config");
            final int line = config(work, CHECK_PORT).size() + broken.lines().size();
            checks.add(() -> assertEquals(NodeRunner.EXIT_START_FAILED, run.status, run::toString));
            checks.add(() -> assertEquals(program + ": " + config + ":" + line + ": " + broken.reason() +
                System.lineSeparator(), run.err, run::toString));
        }
        assertAll(checks);
    }

    @Test
    void shouldExitTwoWithOneLineWhenTheConfigCannotBeRead() throws IOException
    {
        final Path folder = Files.createDirectories(work.resolve("a-folder.ini"));
        final Path notText = Files.write(work.resolve("latin1.ini"), new byte[] {'[', 'S', ']', '\n', 'k', '=', -23});
        final Path badLine = write("bad-line.ini", List.of("no equals sign"));
        final int badLineNumber = config(work, CHECK_PORT).size() + 1;

        final Run missing = run("-c", work.resolve("nope.ini").toString(), "--check-config");
        final Run directory = run("-c", folder.toString(), "--check-config");
        final Run latin1 = run("-c", notText.toString(), "--check-config");
        final Run line = run("-c", badLine.toString(), "--check-config");

        final String prefix = program + ": cannot read config file ";
        final String newline = System.lineSeparator();
        assertAll(
            () -> assertEquals(prefix + work.resolve("nope.ini") + ": no such file" + newline, missing.err),
            () -> assertEquals(prefix + folder + ": Is a directory" + newline, directory.err),
            () -> assertEquals(prefix + notText + ": not UTF-8 text" + newline, latin1.err),
            () -> assertEquals(program + ": " + badLine + ":" + badLineNumber +
                ": expected [Section] or key = value, got \"no equals sign\"" + newline, line.err),
            () -> assertEquals(List.of(NodeRunner.EXIT_START_FAILED, NodeRunner.EXIT_START_FAILED,
                NodeRunner.EXIT_START_FAILED, NodeRunner.EXIT_START_FAILED),
                List.of(missing.status, directory.status, latin1.status, line.status)));
    }

    @Test
    void shouldDescribeTheCheckAndTheWarningInItsHelp()
    {
        final Run help = run("--help");
        final String words = help.out.replaceAll("\\s+", " ");
        assertEquals(0, help.status);
        assertTrue(words.contains("--check-config Check the config file, then exit") &&
            words.contains("WARNING line naming the file, line, section and key"), help.out);
    }

    private Path write(final List<String> extraLines) throws IOException
    {
        return write("config.ini", extraLines);
    }

    private Path write(final String name, final List<String> extraLines) throws IOException
    {
        return Files.writeString(work.resolve(name), text(config(work, CHECK_PORT), extraLines));
    }

    private static String text(final List<String> config, final List<String> extraLines)
    {
        final List<String> lines = new ArrayList<>(config);
        lines.addAll(extraLines);
        lines.add("");
        return String.join("\n", lines);
    }

    private String warning(final Path config, final Broken misspelling)
    {
        return config + ":" + (config(config.getParent(), CHECK_PORT).size() + misspelling.lines().size()) + ": " +
            misspelling.reason();
    }

    private Run run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int status = NodeRunner.commandLine(program, command.get()).setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err)
    {
    }
}
