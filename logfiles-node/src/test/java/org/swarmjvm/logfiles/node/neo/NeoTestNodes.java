package org.swarmjvm.logfiles.node.neo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.logfiles.node.LogfilesNode;
import org.swarmjvm.logfiles.node.config.LogfilesNodeContext;
import org.swarmjvm.protocol.neo.NeoRawConnection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Starts logfiles nodes for neo tests: in this JVM, on 127.0.0.1, legacy and neo ports free ones, with a
 * credentials file for the client {@code test} (all-zero key), as the original's test setup.
 */
final class NeoTestNodes
{
    /** The client name of the original's test setup. */
    static final String CLIENT = "test";

    private NeoTestNodes()
    {
    }

    /**
     * Base of the tests that talk to one node, started before each test in a temporary directory.
     */
    abstract static class WithNode
    {
        @TempDir
        Path dir;

        LogfilesNode node;

        @BeforeEach
        void launchNode() throws IOException
        {
            node = launch(dir);
        }

        @AfterEach
        void closeNode()
        {
            node.close();
        }
    }

    static LogfilesNode launch(final Path dir) throws IOException
    {
        return launch(dir, UnaryOperator.identity());
    }

    static LogfilesNode launch(final Path dir, final UnaryOperator<LogfilesNodeContext> customise) throws IOException
    {
        final LogfilesNodeContext context = new LogfilesNodeContext().dataDir(dir.resolve("data"));
        context.node().address("127.0.0.1").port(0).statsFile(null);
        context.neo().port(0).credentialsFile(NeoRawConnection.writeCredentials(dir));
        return LogfilesNode.launch(customise.apply(context));
    }

    /**
     * @param node running.
     * @return an authenticated raw connection to its neo port.
     * @throws IOException when it cannot connect.
     */
    static NeoRawConnection connect(final LogfilesNode node) throws IOException
    {
        final NeoRawConnection connection = new NeoRawConnection(node.neoPort());
        try
        {
            return connection.authenticate(CLIENT, NeoRawConnection.ZERO_KEY);
        }
        catch (final IOException | RuntimeException | AssertionError ex)
        {
            connection.close();
            throw ex;
        }
    }
}
