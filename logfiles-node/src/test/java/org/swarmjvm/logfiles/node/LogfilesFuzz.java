package org.swarmjvm.logfiles.node;

import org.swarmjvm.logfiles.node.storage.StorageSettings;
import org.swarmjvm.node.testing.QuietLoggers;
import org.swarmjvm.node.testing.fuzz.FuzzDriver;
import org.swarmjvm.node.testing.fuzz.NodeFuzz;
import org.swarmjvm.node.testing.fuzz.WellBehavedClient;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The logfiles node's fuzzing set-up, shared by the suite's run, the long run and the regression seeds: a node in
 * this JVM, the logfiles frame generator, well-behaved clients, and a janitor that removes every channel fuzzing
 * created.
 */
final class LogfilesFuzz implements NodeFuzz
{
    /**
     * Memory the node may gain over a run: a connection may hold a declared request of up to 10 MiB in a read buffer
     * that grows by doubling until the rest arrives or the client hangs up, four fuzzing connections at once; each
     * channel keeps up to three 64 KiB write buffers. Anything that piles up per request or per connection breaks
     * the bound within a long run.
     */
    static final long MEMORY_BOUND = 160L * 1024 * 1024;

    /** Loggers that write a line per damaged frame or per channel fuzzing creates and removes. */
    private static final String[] CHATTY_LOGGERS = {"org.swarmjvm.node.legacy.LegacyConnection",
        "org.swarmjvm.logfiles.node.storage.LogfilesStorage", "org.swarmjvm.logfiles.node.request"};

    private final QuietLoggers quietLoggers = new QuietLoggers(CHATTY_LOGGERS);
    private final LogfilesFrameGenerator generator = new LogfilesFrameGenerator();
    private final LogfilesNode node;
    private final InetSocketAddress address;
    private final FuzzDriver driver;
    private final LogfilesClient janitor;

    /**
     * @param dataDir of the node.
     */
    LogfilesFuzz(final Path dataDir)
    {
        node = TestNodes.launch(dataDir, context ->
        {
            context.readBufferSize(StorageSettings.DEFAULT_READ_BUFFER_SIZE).node().connectionLimit(1000);
            return context;
        });
        address = TestNodes.address(node);
        driver = new FuzzDriver(address, generator, Duration.ofSeconds(30));
        try
        {
            janitor = new LogfilesClient(address);
        }
        catch (final IOException ex)
        {
            node.close();
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public FuzzDriver driver()
    {
        return driver;
    }

    @Override
    public void removeFuzzedChannels()
    {
        try
        {
            final List<String> fuzzed = new ArrayList<>();
            janitor.getChannels(channel ->
            {
                if (!channel.isEmpty() && !channel.startsWith(LogfilesWellBehavedClient.CHANNEL_PREFIX))
                {
                    fuzzed.add(channel);
                }
            });
            for (final String channel : fuzzed)
            {
                janitor.removeChannel(channel);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public boolean serves()
    {
        try
        {
            return "20110401".equals(janitor.getVersion());
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    @Override
    public WellBehavedClient wellBehavedClient(final int index)
    {
        return new LogfilesWellBehavedClient(address, index);
    }

    @Override
    public long memoryBound()
    {
        return MEMORY_BOUND;
    }

    @Override
    public void close()
    {
        try
        {
            janitor.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            node.close();
            quietLoggers.close();
        }
    }
}
