package org.swarmjvm.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.neo.NeoContext;
import org.swarmjvm.protocol.neo.NeoClient;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.swarmjvm.node.NeoTestEngine.request;

/**
 * A neo request handler that throws closes its own connection only: the client sees a disconnection instead of a
 * request that never ends, and the node serves the next connection.
 */
@Timeout(60)
class NeoHandlerFailureTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCloseOnlyTheConnectionWhoseHandlerThrew() throws Exception
    {
        final Path credentials = NeoTestEngine.writeCredentials(dir.resolve("credentials"));
        try (NodeServer server = NodeServer.launch(new NodeContext().address("127.0.0.1").port(0).statsFile(null),
            new PingEngine(), new NeoContext().port(0).credentialsFile(credentials), new NeoTestEngine()))
        {
            for (final byte failing : new byte[] {0, 1})
            {
                try (NeoClient client = NeoClient.connect("127.0.0.1", server.neoPort(), NeoTestEngine.CLIENT,
                    NeoTestEngine.KEY))
                {
                    final ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> request(client, failing).get(30, TimeUnit.SECONDS));
                    assertInstanceOf(IOException.class, failure.getCause());
                }
                try (NeoClient client = NeoClient.connect("127.0.0.1", server.neoPort(), NeoTestEngine.CLIENT,
                    NeoTestEngine.KEY))
                {
                    assertEquals(1, request(client, NeoTestEngine.ANSWERED).get(30, TimeUnit.SECONDS));
                }
            }
        }
    }
}
