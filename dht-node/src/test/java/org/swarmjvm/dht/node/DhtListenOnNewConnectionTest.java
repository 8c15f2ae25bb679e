package org.swarmjvm.dht.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.RawConnection;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.DhtCommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.codec.HexKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The original suite's startListen: a Listen assigned to a connection the client opens for it, then, on the
 * client's other connection, a Get and a Put of a dummy record that the listener must receive. The Listen was sent
 * before the Get, so the node must have read it before it reads the Put that follows the Get's reply; a node that
 * reads a new connection only one poller turn after accepting it lets the Put overtake the Listen now and then, and
 * the listener never hears of it (the suite hangs).
 */
class DhtListenOnNewConnectionTest
{
    private static final String CHANNEL = "test_channel";
    private static final int ROUNDS = 300;
    /** A notification not received by then never comes. */
    private static final int READ_TIMEOUT_MS = 10_000;

    @TempDir
    Path dataDir;

    @Test
    void shouldNotifyAListenSentOnANewConnectionOfAPutThatFollowsARoundTripOnAnother()
    {
        try (DhtNode node = TestNodes.launch(dataDir, new HashRange(0, -1), UnaryOperator.identity());
            RawConnection other = new RawConnection(TestNodes.address(node)))
        {
            for (int round = 0; round < ROUNDS; round++)
            {
                try (RawConnection listener = new RawConnection(TestNodes.address(node)))
                {
                    listener.socket().setSoTimeout(READ_TIMEOUT_MS);
                    listener.send(DhtFrames.channelOnly(DhtCommand.LISTEN, CHANNEL));
                    assertEquals("", DhtFrames.get(other, CHANNEL, round), "round " + round);
                    DhtFrames.assertPut(other, CHANNEL, round, "dummy_value");
                    DhtFrames.assertStatus(listener, SwarmStatus.OK);
                    assertEquals(HexKey.toString(round), text(listener.readArray()), "round " + round);
                    assertEquals("dummy_value", text(listener.readArray()), "round " + round);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
                other.send(DhtFrames.keyed(DhtCommand.REMOVE, CHANNEL, HexKey.toString(round)));
                DhtFrames.assertStatus(other, SwarmStatus.OK);
            }
        }
    }

    private static String text(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
