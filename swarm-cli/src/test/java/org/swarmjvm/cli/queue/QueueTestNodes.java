package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.NodeSet;
import org.swarmjvm.queue.node.QueueNode;
import org.swarmjvm.queue.node.config.QueueNodeContext;

import java.nio.file.Path;

/**
 * Queue nodes for the tests: in this JVM, on 127.0.0.1 and free ports, data under a temporary folder.
 */
final class QueueTestNodes
{
    private QueueTestNodes()
    {
    }

    static NodeSet<QueueNode> launch(final Path folder, final int count)
    {
        return new NodeSet<>(folder, count, data -> QueueNode.launch(new QueueNodeContext()
            .address("127.0.0.1")
            .port(0)
            .dataDirectory(data)
            .channelSizeLimit(1_000_000)
            .statsFile(null)), QueueNode::port);
    }
}
