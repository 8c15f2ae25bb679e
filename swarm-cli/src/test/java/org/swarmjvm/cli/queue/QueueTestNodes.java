package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.NodeSet;
import org.swarmjvm.queue.node.QueueNode;
import org.swarmjvm.queue.node.config.QueueNodeContext;
import org.swarmjvm.queue.node.storage.LeaseSettings;

import java.nio.file.Path;

/**
 * Queue nodes for the tests: in this JVM, on 127.0.0.1 and free ports, data under a temporary folder; legacy only,
 * or with neo and leased delivery.
 */
final class QueueTestNodes
{
    private QueueTestNodes()
    {
    }

    static NodeSet<QueueNode> launch(final Path folder, final int count)
    {
        return new NodeSet<>(folder, count, data -> QueueNode.launch(context(data)), QueueNode::port);
    }

    /**
     * One node whose neo port the set names, its clients those of a credentials file, with a metrics port.
     *
     * @param folder        for the node's data.
     * @param credentials   the node's credentials file.
     * @param maxDeliveries the node's {@code [Leases] max_deliveries}.
     * @return the set of the one node, by neo port.
     */
    static NodeSet<QueueNode> launchNeo(final Path folder, final Path credentials, final int maxDeliveries)
    {
        return new NodeSet<>(folder, 1, data ->
        {
            final QueueNodeContext context = context(data).neoPort(0).metricsPort(0).leaseSettings(new LeaseSettings(
                maxDeliveries, LeaseSettings.DEFAULT_DEAD_LETTER_SUFFIX, LeaseSettings.MIN_JOURNAL_LENGTH));
            context.neo().credentialsFile(credentials);
            return QueueNode.launch(context);
        }, QueueNode::neoPort);
    }

    private static QueueNodeContext context(final Path data)
    {
        return new QueueNodeContext()
            .address("127.0.0.1")
            .port(0)
            .dataDirectory(data)
            .channelSizeLimit(1_000_000)
            .statsFile(null);
    }
}
