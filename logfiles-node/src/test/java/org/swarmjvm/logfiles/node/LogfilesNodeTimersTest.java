package org.swarmjvm.logfiles.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Await;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The storage's write-buffer flush runs on the node's one timer thread, the one that writes the stats line: a
 * record a Put left in the write buffer reaches its bucket file while the node runs, and no second timer thread
 * exists.
 */
class LogfilesNodeTimersTest
{
    private static final String CHANNEL = "timed";

    @TempDir
    Path dataDir;

    @Test
    void theFlushRunsOnTheNodesOneTimerThread() throws IOException
    {
        try (LogfilesNode node = TestNodes.launch(dataDir, context -> context.writeFlush(Duration.ofMillis(50))))
        {
            try (LogfilesClient client = new LogfilesClient(TestNodes.address(node)))
            {
                assertEquals(SwarmStatus.OK, client.put(CHANNEL, 0x60000000L,
                    "flushed by the timer".getBytes(StandardCharsets.US_ASCII)));
            }
            Await.until("the write buffer flushed to the bucket file", () -> bucketBytes() > 0);
            assertEquals(Set.of("logfiles-node-timers"), timerThreads(),
                "the node's timer threads while it serves");
        }
    }

    private long bucketBytes()
    {
        try (Stream<Path> files = Files.walk(dataDir.resolve(CHANNEL)))
        {
            return files.filter(Files::isRegularFile).map(Path::toFile).mapToLong(File::length).sum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Set<String> timerThreads()
    {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
            .filter(name -> name.endsWith("-timers")).collect(Collectors.toSet());
    }
}
