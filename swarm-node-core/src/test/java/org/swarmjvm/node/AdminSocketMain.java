package org.swarmjvm.node;

import org.swarmjvm.node.neo.NeoContext;

import java.nio.file.Path;

/**
 * A node serving neo with the admin socket, for tests that need it in a process of its own (with another umask):
 * {@code AdminSocketMain <socket> <credentials>}; it stops when its standard input ends.
 */
public final class AdminSocketMain
{
    private AdminSocketMain()
    {
    }

    /**
     * @param args the socket path and the credentials file.
     * @throws Exception when the node cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        try (NodeServer ignored = NodeServer.launch(new NodeContext().address("127.0.0.1").port(0).statsFile(null),
            new PingEngine(), new NeoContext().port(0).unixSocketPath(Path.of(args[0]))
                .credentialsFile(Path.of(args[1])), new NeoTestEngine()))
        {
            while (System.in.read() >= 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
