package org.swarmjvm.logfiles.node;

import org.agrona.concurrent.UnsafeBuffer;
import org.swarmjvm.logfiles.node.config.LogfilesNodeContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Starts logfiles nodes for tests: in this JVM, on 127.0.0.1 and a free port, configured like the fixtures' node A
 * ({@code file_buffer_size 20}).
 */
final class TestNodes
{
    /** The fixtures' first key of channel fx_bulk. */
    static final long BULK_BASE = 0x60000000L;

    private TestNodes()
    {
    }

    static LogfilesNode launch(final Path dataDir, final UnaryOperator<LogfilesNodeContext> customise)
    {
        final LogfilesNodeContext context = new LogfilesNodeContext().dataDir(dataDir).readBufferSize(20);
        context.node().address("127.0.0.1").port(0).statsFile(null);
        return LogfilesNode.launch(customise.apply(context));
    }

    static LogfilesNode launch(final Path dataDir)
    {
        return launch(dataDir, UnaryOperator.identity());
    }

    static InetSocketAddress address(final LogfilesNode node)
    {
        return new InetSocketAddress("127.0.0.1", node.port());
    }

    /** Value i of channel fx_bulk: {@code 'record-%05d' % i + '.' * (i % 50)}. */
    static String bulkValue(final int i)
    {
        return String.format("record-%05d", i) + ".".repeat(i % 50);
    }

    /**
     * The setup the bulk captures describe but do not show: fx_bulk with key 0x60000000 + 16 i and
     * {@link #bulkValue(int)} for i = 0..2999, over the 12 buckets 0000000060/000..00b.
     */
    static void fillBulkChannel(final LogfilesNode node)
    {
        try
        {
            for (int i = 0; i < 3000; i++)
            {
                final byte[] value = bulkValue(i).getBytes(StandardCharsets.US_ASCII);
                node.storage().append("fx_bulk", BULK_BASE + 16L * i, new UnsafeBuffer(value), 0, value.length);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
