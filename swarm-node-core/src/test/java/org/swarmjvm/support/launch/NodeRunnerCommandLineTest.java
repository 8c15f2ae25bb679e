package org.swarmjvm.support.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.support.config.IniFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A program whose config cannot be read or holds a bad line ends with one line naming the file and the cause, and
 * exit status 2, as an operator expects of a daemon; not with a stack trace and picocli's status 1.
 */
class NodeRunnerCommandLineTest
{
    @TempDir
    Path work;

    @Command(name = "test-node")
    static final class ReadsConfig implements Callable<Integer>
    {
        @Option(names = "-c", required = true)
        private Path config;

        @Override
        public Integer call()
        {
            IniFile.read(config);
            return 0;
        }
    }

    @Test
    void shouldReportAMissingConfigInOneLineAndExit2()
    {
        final Path missing = work.resolve("nope.ini");
        final StringWriter err = new StringWriter();
        final int status = NodeRunner.commandLine("test-node", new ReadsConfig()).setErr(new PrintWriter(err))
            .execute("-c", missing.toString());
        assertEquals(NodeRunner.EXIT_START_FAILED, status);
        assertEquals("test-node: cannot read config file " + missing + ": no such file" + System.lineSeparator(),
            err.toString());
    }

    @Test
    void shouldReportABadLineInOneLineAndExit2() throws Exception
    {
        final Path config = Files.writeString(work.resolve("bad.ini"), "[Server]\nthis is no key\n");
        final StringWriter err = new StringWriter();
        final int status = NodeRunner.commandLine("test-node", new ReadsConfig()).setErr(new PrintWriter(err))
            .execute("-c", config.toString());
        assertEquals(NodeRunner.EXIT_START_FAILED, status);
        final String[] lines = err.toString().split(System.lineSeparator());
        assertEquals(1, lines.length, err::toString);
        assertTrue(lines[0].startsWith("test-node: ") && lines[0].contains(config.toString()), lines[0]);
    }
}
