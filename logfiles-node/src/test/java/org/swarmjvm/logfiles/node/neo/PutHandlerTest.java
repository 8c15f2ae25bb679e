package org.swarmjvm.logfiles.node.neo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.neo.NeoRawConnection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.client.LogfilesClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;

/**
 * Neo Put (code 1, v1) on the socket, byte for byte: the spec's captured example, every status, and the request
 * answers the core gives.
 */
@Timeout(60)
class PutHandlerTest extends NeoTestNodes.WithNode
{
    @Test
    void shouldAnswerTheCapturedExampleByteForByte() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            neo.send("01 2700000000000000 26 0100000000000000 01 01 0200000000000000 6c78 00e1f50500000000 " +
                "0300000000000000 616263");
            neo.expect("01 0900000000000000 08 0100000000000000 fd");
            neo.expect("01 0900000000000000 08 0100000000000000 01");
        }
    }

    @Test
    void shouldStoreWhatTheLegacyPortServes() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            neo.request(7, "01 01 " + array("lx") + " 00e1f50500000000 " + array("abc"))
                .answer(7, "fd").answer(7, "01");
            neo.request(8, "01 01 " + array("lx") + " 01e1f50500000000 " + array("de")).answer(8, "fd").answer(8, "01");
        }
        final List<String> got = new ArrayList<>();
        try (LogfilesClient legacy = new LogfilesClient(new InetSocketAddress("127.0.0.1", node.port())))
        {
            assertEquals(SwarmStatus.OK, legacy.getRange("lx", 0, Long.MAX_VALUE, (key, buffer, offset, length) ->
                got.add(Long.toHexString(key) + "=" + buffer.getStringWithoutLengthAscii(offset, length))));
        }
        assertEquals(List.of("5f5e100=abc", "5f5e101=de"), got);
    }

    @Test
    void shouldAnswerErrorForAnInvalidChannelName() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            neo.request(1, "01 01 " + array("../x") + " 0100000000000000 " + array("v"))
                .answer(1, "fd").answer(1, "02");
            neo.request(2, "01 01 " + array("") + " 0100000000000000 " + array("v")).answer(2, "fd").answer(2, "02");
            neo.request(3, "01 01 " + array("ok") + " 0100000000000000 " + array("v")).answer(3, "fd").answer(3, "01");
        }
    }

    @Test
    void shouldAnswerErrorForAnEmptyValueOrOneOverTheLegacyLimit() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            neo.request(3, "01 01 " + array("big") + " 0100000000000000 " + array("")).answer(3, "fd").answer(3, "02");
            neo.request(1, "01 01 " + array("big") + " 0100000000000000 " + array(new byte[64 * 1024 + 1]))
                .answer(1, "fd").answer(1, "02");
            neo.request(2, "01 01 " + array("big") + " 0100000000000000 " + array(new byte[64 * 1024]))
                .answer(2, "fd").answer(2, "01");
        }
    }

    @Test
    void shouldStoreRecordsThatNeedTheWorkerAndAnswerEach() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            // Far-apart timestamps: each record opens a new bucket, on the worker.
            final StringBuilder requests = new StringBuilder();
            for (int i = 1; i <= 20; i++)
            {
                requests.append(Hex.toHex(NeoRawConnection.requestMessage(i, Hex.parse("01 01 " + array("w") + " " +
                    Hex.toHex(NeoRawConnection.le(i * 1_000_000L)) + " " + array("v" + i)))));
            }
            neo.send(requests.toString());
            // Messages of different requests interleave; each request's own come in order: fd, then 01.
            final String[] answers = new String[21];
            for (int i = 0; i < 40; i++)
            {
                final NeoRawConnection.Answer answer = neo.readAnyAnswer();
                final int id = (int)answer.id();
                answers[id] = (null == answers[id] ? "" : answers[id] + " ") + Hex.toHex(answer.payload());
            }
            for (int i = 1; i <= 20; i++)
            {
                assertEquals("fd 01", answers[i], "request " + i);
            }
        }
    }

    @Test
    void shouldCloseTheConnectionForMalformedArguments() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            neo.request(1, "01 01 " + array("lx") + " 0100000000000000 " + array("v") + " 00").answer(1, "fd");
            neo.expectEof();
        }
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            neo.request(1, "01 01 " + array("lx") + " 01000000").answer(1, "fd");
            neo.expectEof();
        }
    }

    @Test
    void shouldRefuseOtherVersionsAndUnknownCodesAndStayUsable() throws IOException
    {
        try (NeoRawConnection neo = NeoTestNodes.connect(node))
        {
            neo.send("01 0a00000000000000 0b 0600000000000000 63 00")
                .expect("01 0900000000000000 08 0600000000000000 ff");
            neo.send("01 0a00000000000000 0b 0700000000000000 01 05")
                .expect("01 0900000000000000 08 0700000000000000 fe");
            neo.request(9, "01 00 " + array("lx")).answer(9, "fe");
            neo.request(10, "02 01 " + array("lx")).answer(10, "fe");
            neo.request(11, "01 01 " + array("lx") + " 0100000000000000 " + array("v"))
                .answer(11, "fd").answer(11, "01");
        }
    }
}
