package org.swarmjvm.cli;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.dht.client.DhtClientException;
import org.swarmjvm.protocol.dht.client.DhtStatusException;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.queue.client.QueueClientException;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailuresTest
{
    private static final NodeAddress NODE = new NodeAddress("127.0.0.1", 10000);

    @Test
    void shouldReportWrongNodeWhenTheNodeAnswersWrongNode()
    {
        final CliException failure = Failures.ofRequest(new DhtStatusException(NODE, "Get", 404, false));
        assertEquals(ExitCode.WRONG_NODE, failure.exitCode());
        assertEquals("Get to 127.0.0.1:10000 answered WRONG_NODE (404) (the node's range no longer holds the key: " +
            "check swarm dht ranges)", failure.getMessage());
    }

    @Test
    void shouldReportStatusWhenTheNodeAnswersAnError()
    {
        final CliException failure = Failures.ofRequest(new DhtStatusException(NODE, "Put", 500, true));
        assertEquals(ExitCode.STATUS, failure.exitCode());
        assertEquals("Put to 127.0.0.1:10000 answered ERROR (500)", failure.getMessage());
    }

    @Test
    void shouldReportUnreachableWhenTheConnectionFailsOrTimesOut()
    {
        final CliException refused = Failures.ofHandshake(new DhtClientException(
            "cannot send to 127.0.0.1:10000: Connection refused; connection closed", new ConnectException("x")));
        assertEquals(ExitCode.UNREACHABLE, refused.exitCode());
        assertEquals("cannot connect to 127.0.0.1:10000: Connection refused", refused.getMessage());

        final CliException timeout = Failures.ofRequest(new DhtClientException(
            "cannot read from 127.0.0.1:10000: Read timed out; connection closed",
            new SocketTimeoutException("Read timed out")));
        assertEquals(ExitCode.UNREACHABLE, timeout.exitCode());
        assertEquals("cannot read from 127.0.0.1:10000: Read timed out", timeout.getMessage());
    }

    @Test
    void shouldReportWrongNodeWhenTheHandshakeGetsNonsense()
    {
        final CliException failure = Failures.ofHandshake(new DhtClientException(
            "cannot read from 127.0.0.1:10000: connection closed by the node; connection closed"));
        assertEquals(ExitCode.WRONG_NODE, failure.exitCode());
        assertEquals("not a DHT node? the handshake (GetVersion, GetResponsibleRange) failed: cannot read from " +
            "127.0.0.1:10000: connection closed by the node", failure.getMessage());
    }

    @Test
    void shouldReportStatusWhenAQueueNodeRefusesAndUnreachableWhenNoneAnswers()
    {
        final CliException refused = Failures.ofQueue(new QueueClientException(
            "RemoveChannel 'c' refused by /127.0.0.1:10000 with BAD_CHANNEL_NAME", SwarmStatus.BAD_CHANNEL_NAME, null));
        assertEquals(ExitCode.STATUS, refused.exitCode());
        assertEquals("RemoveChannel 'c' refused by /127.0.0.1:10000 with BAD_CHANNEL_NAME (409)", refused.getMessage());

        final CliException unreachable = Failures.ofQueue(new QueueClientException("Push to 'c' failed on all nodes",
            null, new IOException(new ConnectException("Connection refused"))));
        assertEquals(ExitCode.UNREACHABLE, unreachable.exitCode());
        assertEquals("Push to 'c' failed on all nodes: Connection refused", unreachable.getMessage());
    }

    @Test
    void shouldNameTheNodeWhenALogfilesRequestFails()
    {
        final CliException refused = Failures.ofIo("GetAll", NODE, new ConnectException("Connection refused"));
        assertEquals(ExitCode.UNREACHABLE, refused.exitCode());
        assertEquals("cannot connect to 127.0.0.1:10000: Connection refused", refused.getMessage());

        final CliException broken = Failures.ofIo("GetAll", NODE, new EOFException("node closed the connection"));
        assertEquals(ExitCode.UNREACHABLE, broken.exitCode());
        assertEquals("GetAll to 127.0.0.1:10000 failed: node closed the connection", broken.getMessage());

        final CliException status = Failures.ofStatus("Put", NODE, SwarmStatus.EMPTY_VALUE);
        assertEquals(ExitCode.STATUS, status.exitCode());
        assertEquals("Put to 127.0.0.1:10000 answered EMPTY_VALUE (408)", status.getMessage());
    }
}
