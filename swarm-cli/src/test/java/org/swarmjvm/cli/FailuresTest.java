package org.swarmjvm.cli;

import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.dht.client.DhtClientException;
import org.swarmjvm.protocol.dht.client.DhtStatusException;
import org.swarmjvm.protocol.dht.client.NodeAddress;

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
}
