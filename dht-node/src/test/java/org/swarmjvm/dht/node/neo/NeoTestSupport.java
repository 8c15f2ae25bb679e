package org.swarmjvm.dht.node.neo;

import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.dht.node.config.DhtNodeContext;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.neo.NeoRawConnection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Starts DHT nodes with a credentials file for neo tests.
 */
final class NeoTestSupport
{
    private NeoTestSupport()
    {
    }

    static DhtNode launch(final Path dir, final HashRange range, final UnaryOperator<DhtNodeContext> customise)
        throws IOException
    {
        final Path credentials = NeoRawConnection.writeCredentials(dir);
        final DhtNodeContext context = new DhtNodeContext()
            .range(range)
            .dataDir(dir.resolve("data"))
            .channelCapacity(20_000)
            .averageValueSize(64);
        context.node().address("127.0.0.1").port(0);
        context.neo().credentialsFile(credentials);
        return DhtNode.launch(customise.apply(context));
    }

    static DhtNode launch(final Path dir) throws IOException
    {
        return launch(dir, HashRange.FULL, UnaryOperator.identity());
    }
}
