package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.NodeSet;
import org.swarmjvm.logfiles.node.LogfilesNode;
import org.swarmjvm.logfiles.node.config.LogfilesNodeContext;

import java.nio.file.Path;

/**
 * Logfiles nodes for the tests: in this JVM, on 127.0.0.1 and free ports, data under a temporary folder.
 */
final class LogsTestNodes
{
    private LogsTestNodes()
    {
    }

    static NodeSet<LogfilesNode> launch(final Path folder, final int count)
    {
        return new NodeSet<>(folder, count, data ->
        {
            final LogfilesNodeContext context = new LogfilesNodeContext().dataDir(data);
            context.node().address("127.0.0.1").port(0).statsFile(null);
            return LogfilesNode.launch(context);
        }, LogfilesNode::port);
    }
}
