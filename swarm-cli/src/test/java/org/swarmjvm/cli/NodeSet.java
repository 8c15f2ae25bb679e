package org.swarmjvm.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Nodes of one kind in this JVM on 127.0.0.1 and free ports, with a nodes file naming them.
 *
 * @param <N> the node type.
 */
public final class NodeSet<N extends AutoCloseable> implements AutoCloseable
{
    private final List<N> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Path nodesFile;

    /**
     * @param folder   for the nodes' data ({@code node0}, {@code node1}, ...) and the nodes file.
     * @param count    how many nodes.
     * @param launcher starts a node on the data folder given, which exists.
     * @param port     the port a node listens on.
     */
    public NodeSet(final Path folder, final int count, final Function<Path, N> launcher, final ToIntFunction<N> port)
    {
        try
        {
            final StringBuilder file = new StringBuilder("# test nodes\n");
            for (int i = 0; i < count; i++)
            {
                final N node = launcher.apply(Files.createDirectories(folder.resolve("node" + i)));
                nodes.add(node);
                ports.add(port.applyAsInt(node));
                file.append("127.0.0.1:").append(ports.get(i)).append('\n');
            }
            nodesFile = Files.writeString(folder.resolve("test.nodes"), file);
        }
        catch (final IOException ex)
        {
            close();
            throw new UncheckedIOException(ex);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * @param i node index.
     * @return {@code 127.0.0.1:port} of that node.
     */
    public String node(final int i)
    {
        return "127.0.0.1:" + ports.get(i);
    }

    /**
     * @param i node index.
     * @return that node.
     */
    public N get(final int i)
    {
        return nodes.get(i);
    }

    /**
     * @return the nodes file.
     */
    public Path nodesFile()
    {
        return nodesFile;
    }

    @Override
    public void close()
    {
        for (final N node : nodes)
        {
            try
            {
                node.close();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException("closing a test node failed", ex);
            }
        }
    }
}
