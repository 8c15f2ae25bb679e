package org.swarmjvm.dht.node;

import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.protocol.dht.HashRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Starts DHT nodes for tests: in this JVM, on 127.0.0.1 and a free port, with small channel maps.
 */
final class TestNodes
{
    /** The range of the original's node A in the wire fixtures: even keys only. */
    static final HashRange HALF_RANGE = new HashRange(0, 0x7fffffffffffffffL);
    /** The batch size of the fixtures' test config (Put limit 65503). */
    static final int FIXTURE_BATCH_SIZE = 65535;
    /**
     * One neo credentials file for the legacy tests' nodes, outside their data directories: a node without one
     * warns at start, which the tests that check for warnings would see.
     */
    private static final Path NEO_CREDENTIALS = writeNeoCredentials();

    private TestNodes()
    {
    }

    /**
     * @param dataDir   the node's data directory.
     * @param range     of the node.
     * @param customise further settings.
     * @return the running node.
     */
    static DhtNode launch(final Path dataDir, final HashRange range, final UnaryOperator<DhtNodeContext> customise)
    {
        final DhtNodeContext context = new DhtNodeContext()
            .range(range)
            .dataDir(dataDir)
            .batchSize(FIXTURE_BATCH_SIZE)
            .channelCapacity(20_000)
            .averageValueSize(64);
        context.node().address("127.0.0.1").port(0);
        context.neo().credentialsFile(NEO_CREDENTIALS);
        return DhtNode.launch(customise.apply(context));
    }

    private static Path writeNeoCredentials()
    {
        try
        {
            final Path file = Files.createTempFile("neo-credentials", "");
            file.toFile().deleteOnExit();
            Files.writeString(file, "admin:" + "0".repeat(256) + "\n");
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param dataDir the node's data directory.
     * @return a node configured like the fixtures' node A.
     */
    static DhtNode launchNodeA(final Path dataDir)
    {
        return launch(dataDir, HALF_RANGE, UnaryOperator.identity());
    }

    /**
     * Polls a condition until it holds, failing after ten seconds.
     *
     * @param condition to wait for.
     * @param what      the condition means, for the failure message.
     */
    static void await(final java.util.function.BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting until: " + what);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * @param node running.
     * @return its address.
     */
    static InetSocketAddress address(final DhtNode node)
    {
        return new InetSocketAddress("127.0.0.1", node.port());
    }
}
