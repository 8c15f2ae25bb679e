package org.swarmjvm.protocol.queue.client;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueueNodesTest
{
    @Test
    void shouldReadAddressesWhenLinesHaveCommentsAndBlanks()
    {
        final List<InetSocketAddress> nodes = QueueNodes.parse(
            "# queue nodes\n\n192.168.1.10:10000\n  10.0.0.1:10010   # second\n#127.0.0.1:1\n");
        assertEquals(2, nodes.size());
        assertEquals("192.168.1.10", nodes.get(0).getHostString());
        assertEquals(10000, nodes.get(0).getPort());
        assertEquals(10010, nodes.get(1).getPort());
    }

    @Test
    void shouldNameTheLineWhenAnEntryIsBad()
    {
        final IllegalArgumentException noPort =
            assertThrows(IllegalArgumentException.class, () -> QueueNodes.parse("1.2.3.4\n"));
        assertEquals("nodes file line 1: expected address:port, got '1.2.3.4'", noPort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QueueNodes.parse("\n1.2.3.4:70000"));
        assertThrows(IllegalArgumentException.class, () -> QueueNodes.parse("1.2.3.4:port"));
    }
}
