package org.swarmjvm.dht.node.neo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.dht.node.DhtNode;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.neo.NeoHmac;
import org.swarmjvm.protocol.neo.NeoRawConnection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.swarmjvm.protocol.neo.NeoRawConnection.ZERO_KEY;
import static org.swarmjvm.protocol.neo.NeoRawConnection.authBody;
import static org.swarmjvm.protocol.neo.NeoRawConnection.le;
import static org.swarmjvm.protocol.neo.NeoRawConnection.message;

/**
 * The neo handshake, authentication and framing checks of the spec (§2–§5, §14), each followed by a check that
 * another client is still served.
 */
class NeoConnectionSecurityTest
{
    @TempDir
    Path dir;

    private DhtNode node;

    @BeforeEach
    void start() throws IOException
    {
        node = NeoTestSupport.launch(dir);
    }

    @AfterEach
    void stop()
    {
        node.close();
        node = null;
    }

    private NeoRawConnection connect() throws IOException
    {
        return new NeoRawConnection(node.neoPort());
    }

    private void assertOtherClientsServed() throws IOException
    {
        try (NeoRawConnection raw = connect())
        {
            raw.authenticate("test", ZERO_KEY).request(1, "01 00")
                .answer(1, "fd").answer(1, "0000000000000000 ffffffffffffffff");
        }
    }

    @Test
    void shouldAnswerVersionByteWhenVersionMatches() throws IOException
    {
        try (NeoRawConnection raw = connect())
        {
            raw.send("01").expect("01");
        }
    }

    @Test
    void shouldSendVersionAndCloseWhenVersionDiffers() throws IOException
    {
        for (final String version : new String[] {"02", "00"})
        {
            try (NeoRawConnection raw = connect())
            {
                raw.send(version).expect("01").expectEof();
            }
        }
        assertOtherClientsServed();
    }

    @Test
    void shouldAcceptGoodCredentials() throws IOException
    {
        try (NeoRawConnection raw = connect())
        {
            raw.authenticate("admin", ZERO_KEY);
        }
    }

    @Test
    void shouldRejectWhenCredentialsAreWrong() throws IOException
    {
        final long now = System.currentTimeMillis() / 1000;
        final byte[] wrongKey = ZERO_KEY.clone();
        wrongKey[5] = 1;
        final Object[][] cases = {
            {"test", wrongKey, now},
            {"nobody", ZERO_KEY, now},
            {"", ZERO_KEY, now},
            {"a".repeat(101), ZERO_KEY, now},
            {"te st", ZERO_KEY, now},
            {"test", ZERO_KEY, 0L},
            {"test", ZERO_KEY, Long.MIN_VALUE},
            {"test", ZERO_KEY, now - 31 * 60},
            {"test", ZERO_KEY, now + 31 * 60},
        };
        for (final Object[] attempt : cases)
        {
            try (NeoRawConnection raw = connect())
            {
                assertEquals(0, raw.tryAuthenticate((String)attempt[0], (byte[])attempt[1], (Long)attempt[2]),
                    "authentication as '" + attempt[0] + "' at " + attempt[2]);
                raw.expectEof();
            }
        }
        assertOtherClientsServed();
    }

    @Test
    void shouldAcceptTimestampWithinThirtyMinutes() throws IOException
    {
        final long now = System.currentTimeMillis() / 1000;
        for (final long timestamp : new long[] {now + 29 * 60, now - 29 * 60})
        {
            try (NeoRawConnection raw = connect())
            {
                assertEquals(1, raw.tryAuthenticate("test", ZERO_KEY, timestamp));
            }
        }
    }

    @Test
    void shouldRejectReplayedAuthentication() throws IOException
    {
        final long timestamp = System.currentTimeMillis() / 1000;
        final byte[] a3;
        try (NeoRawConnection raw = connect())
        {
            raw.send("01").expect("01").send(message(2, le(timestamp))).expect("02 0400000000000000 06");
            final byte[] nonce = raw.read(4);
            a3 = message(2, authBody("test".getBytes(StandardCharsets.US_ASCII),
                new NeoHmac().code(NeoHmac.keySpec(ZERO_KEY), timestamp, nonce)));
            raw.send(a3).expect("02 0100000000000000 03 01");
        }
        try (NeoRawConnection replay = connect())
        {
            replay.send("01").expect("01").send(message(2, le(timestamp))).expect("02 0400000000000000 06");
            replay.read(4);
            replay.send(a3).expect("02 0100000000000000 03 00").expectEof();
        }
        assertOtherClientsServed();
    }

    @Test
    void shouldCloseWithoutAnswerWhenAuthenticationMessagesAreMalformed() throws IOException
    {
        final long now = System.currentTimeMillis() / 1000;
        try (NeoRawConnection raw = connect())
        {
            raw.send("01").expect("01").send(message(2, new byte[4])).expectEof();
        }
        try (NeoRawConnection raw = connect())
        {
            raw.send("01").expect("01").send(message(2, le(now))).read(14);
            raw.send(message(2, authBody("test".getBytes(StandardCharsets.US_ASCII), new byte[10]))).expectEof();
        }
        try (NeoRawConnection raw = connect())
        {
            raw.send("01").expect("01").send(message(2, le(now))).read(14);
            final byte[] body = authBody("test".getBytes(StandardCharsets.US_ASCII), new byte[64]);
            raw.send(message(2, Arrays.copyOf(body, body.length + 1))).expectEof();
        }
        try (NeoRawConnection raw = connect())
        {
            raw.send("01").expect("01").send(message(2, new byte[1000])).expectEof();
        }
        try (NeoRawConnection raw = connect())
        {
            raw.send("01").expect("01").send(message(1, le(now))).expectEof();
        }
        assertOtherClientsServed();
    }

    @Test
    void shouldCloseWhenFramingIsBrokenAfterAuthentication() throws IOException
    {
        final String[] broken = {
            "01 0900000000000000 09 0100000000000000 00",
            "00 0900000000000000 09 0100000000000000 00",
            "03 0900000000000000 0a 0100000000000000 00",
            "01 0300000000000000 02 010203",
            "02 0100000000000000 03 01",
            "01 0800000000000000 09 0100000000000000",
            "01 0900000000000000 08 0100000000000000 02",
            "01 0a00000000000000 0b 0000000000000000 0100",
            "01 ffffffffffffff7f 81",
            "01 0000000001000000 00",
            "01 0100000100000000 01",
        };
        for (final String message : broken)
        {
            try (NeoRawConnection raw = connect())
            {
                raw.authenticate("test", ZERO_KEY).send(message).expectEof();
            }
        }
        assertOtherClientsServed();
    }

    @Test
    void shouldSurviveTruncatedHeaderAndVanishingClient() throws IOException
    {
        try (NeoRawConnection raw = connect())
        {
            raw.authenticate("test", ZERO_KEY).send("01 0900");
        }
        try (NeoRawConnection raw = connect())
        {
            raw.send("01").expect("01").send("02 08");
        }
        assertOtherClientsServed();
    }

    @Test
    void shouldAnswerUnsupportedCodeAndVersionAndKeepConnection() throws IOException
    {
        try (NeoRawConnection raw = connect())
        {
            raw.authenticate("test", ZERO_KEY);
            raw.send("01 0a00000000000000 0b 0600000000000000 63 00")
                .expect("01 0900000000000000 08 0600000000000000 ff");
            raw.request(7, "02 05").answer(7, "fe");
            raw.request(8, "00 00").answer(8, "ff");
            raw.request(9, "01 00").answer(9, "fd").answer(9, "0000000000000000 ffffffffffffffff");
        }
    }

    @Test
    void shouldAnswerTwoRequestsInOneSegmentAndRestartFinishedIds() throws IOException
    {
        try (NeoRawConnection raw = connect())
        {
            raw.authenticate("test", ZERO_KEY);
            final byte[] both = Hex.parse("01 0a00000000000000 0b 0100000000000000 06 00" +
                " 01 0a00000000000000 0b 0200000000000000 06 00");
            raw.send(both);
            raw.answer(1, "fd").answer(1, "03").answer(2, "fd").answer(2, "03");
            raw.request(1, "06 00").answer(1, "fd").answer(1, "03");
            raw.request(1, "03").expectEof();
        }
    }

    @Test
    void shouldCloseWhenMessageArrivesForRequestNotWaiting() throws IOException
    {
        try (NeoRawConnection raw = connect())
        {
            raw.authenticate("test", ZERO_KEY).request(3, "01 00").answer(3, "fd")
                .answer(3, "0000000000000000 ffffffffffffffff");
            raw.request(3, "04").expectEof();
        }
        assertOtherClientsServed();
    }

    @Test
    void shouldAcceptFiveThousandRequestsAndCloseOnTheNext() throws IOException
    {
        try (NeoRawConnection raw = connect())
        {
            raw.authenticate("test", ZERO_KEY);
            final StringBuilder batch = new StringBuilder();
            for (long id = 1; id <= 5000; id++)
            {
                raw.request(id, "01 00");
            }
            for (long id = 1; id <= 5000; id++)
            {
                raw.answer(id, "fd").answer(id, "0000000000000000 ffffffffffffffff");
            }
            assertEquals(0, batch.length());
            raw.request(5001, "01 00").expectEof();
        }
        assertOtherClientsServed();
    }

    @Test
    void shouldKeepServingOthersWhenClientFloodsSuspendResume() throws IOException
    {
        try (NeoRawConnection filler = connect())
        {
            filler.authenticate("test", ZERO_KEY);
            for (long key = 1; key <= 200; key++)
            {
                filler.request(key, "02 00 " + NeoRawConnection.array("flood") + " " + Hex.toHex(le(key)) +
                    " 0400000000000000 76616c75").answer(key, "fd").answer(key, "01");
            }
        }
        try (NeoRawConnection flooder = connect())
        {
            flooder.authenticate("test", ZERO_KEY);
            flooder.request(1, "05 00 01 " + NeoRawConnection.array("flood") +
                " 00 0000000000000000 00 0000000000000000");
            flooder.answer(1, "fd").answer(1, "05");
            final byte[] suspendResume = new byte[2 * 19 * 1000];
            final byte[] suspend = message(1, Hex.parse("0100000000000000 01"));
            final byte[] resume = message(1, Hex.parse("0100000000000000 02"));
            for (int i = 0; i < 1000; i++)
            {
                System.arraycopy(suspend, 0, suspendResume, 2 * 19 * i, 19);
                System.arraycopy(resume, 0, suspendResume, 2 * 19 * i + 19, 19);
            }
            for (int round = 0; round < 50; round++)
            {
                flooder.send(suspendResume);
            }
            assertOtherClientsServed();
        }
        assertOtherClientsServed();
    }
}
