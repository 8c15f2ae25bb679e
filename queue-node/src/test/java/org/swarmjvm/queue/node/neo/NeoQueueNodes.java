package org.swarmjvm.queue.node.neo;

import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.queue.node.QueueNode;
import org.swarmjvm.queue.node.config.QueueNodeContext;
import org.swarmjvm.queue.node.storage.LeaseSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts queue nodes serving neo on an ephemeral port with the test credentials ({@code test}, {@code admin}:
 * zero keys; {@code javaclient}: counting key), and opens legacy clients to them.
 */
final class NeoQueueNodes
{
    private NeoQueueNodes()
    {
    }

    static QueueNode launch(final Path dir) throws IOException
    {
        return launch(dir, LeaseSettings.DEFAULTS);
    }

    static QueueNode launch(final Path dir, final LeaseSettings leaseSettings) throws IOException
    {
        return QueueNode.launch(context(dir, leaseSettings));
    }

    static QueueNodeContext context(final Path dir, final LeaseSettings leaseSettings) throws IOException
    {
        final QueueNodeContext context = new QueueNodeContext()
            .leaseSettings(leaseSettings)
            .address("127.0.0.1")
            .port(0)
            .neoPort(0)
            .dataDirectory(dir.resolve("data"))
            .channelSizeLimit(10_000_000)
            .statsFile(null);
        context.neo().credentialsFile(NeoRawConnection.writeCredentials(dir));
        return context;
    }

    static QueueClient legacyClient(final QueueNode node)
    {
        return new QueueClient(List.of(new InetSocketAddress("127.0.0.1", node.port())));
    }

    static NeoRawConnection authenticated(final QueueNode node) throws IOException
    {
        return new NeoRawConnection(node.neoPort()).authenticate("test", NeoRawConnection.ZERO_KEY);
    }
}
