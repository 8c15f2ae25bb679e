package org.swarmjvm.dht.node.neo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.node.neo.ClientLimits;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.neo.NeoClient;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.protocol.neo.NeoRequestRefusedException;
import org.swarmjvm.protocol.neo.dht.DhtNeoClient;
import org.swarmjvm.protocol.neo.dht.DhtNeoRequest;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java neo client's failure for a request the node throttles (docs/neo.md, "Throttling"): the node answers
 * {@code ff}, and the client says the node throttled or refused it, where it used to say "status -1".
 */
class NeoClientThrottleTest
{
    private static final long TIMEOUT_SECONDS = 10;

    @TempDir
    Path dir;

    @Test
    void shouldSayTheNodeThrottledOrRefusedARequestOverTheClientsLimit() throws Exception
    {
        // One request a second and a clock that stands still: the first request takes the only token.
        try (DhtNode node = NeoTestSupport.launch(dir, HashRange.FULL, context ->
            {
                context.neo().throttle("admin", new ClientLimits(1, 0)).throttleClockNanos(() -> 0L);
                return context;
            });
            NeoClient connection = NeoClient.connect("127.0.0.1", node.neoPort(), "admin", NeoRawConnection.ZERO_KEY);
            DhtNeoClient client = new DhtNeoClient(connection))
        {
            assertEquals(DhtNeoRequest.EXISTS_NO_RECORD,
                (int)client.exists("throttled", 1).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));

            final ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.exists("throttled", 1).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));

            final NeoRequestRefusedException refused =
                assertInstanceOf(NeoRequestRefusedException.class, failure.getCause());
            assertTrue(refused.isNotSupported());
            assertTrue(refused.getMessage().startsWith("the node throttled or refused the request " +
                "(RequestNotSupported, ff): over this client's throttle"), refused.getMessage());

            // A client that keeps retrying while throttled must not fill its connection's request map.
            for (int i = 0; i < 100; i++)
            {
                assertThrows(ExecutionException.class,
                    () -> client.exists("throttled", 1).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            assertEquals(0, connection.requestsInFlight());
        }
    }
}
