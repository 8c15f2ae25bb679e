package org.swarmjvm.protocol.dht.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodesFileTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadNodesSkippingCommentsAndBlankLines() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("dht.nodes"), String.join("\n",
            "127.0.0.1:10000",
            "   192.168.2.128:30011   # second node",
            "",
            "# 192.168.2.129:30012  (disabled)",
            "\t",
            "localhost : 65535"));

        assertEquals(List.of(
            new NodeAddress("127.0.0.1", 10000),
            new NodeAddress("192.168.2.128", 30011),
            new NodeAddress("localhost", 65535)), NodesFile.parse(file));
    }

    @Test
    void shouldNameTheLineWhenALineIsMalformed() throws Exception
    {
        final Path noColon = Files.writeString(dir.resolve("a.nodes"), "127.0.0.1:10000\n\n127.0.0.1\n");
        final Path badPort = Files.writeString(dir.resolve("b.nodes"), "# c\n127.0.0.1:port\n");
        final Path bigPort = Files.writeString(dir.resolve("c.nodes"), "127.0.0.1:65536\n");
        final Path noAddress = Files.writeString(dir.resolve("d.nodes"), ":10000\n");

        final IllegalArgumentException colon = assertThrows(IllegalArgumentException.class,
            () -> NodesFile.parse(noColon));
        final IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
            () -> NodesFile.parse(badPort));
        final IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
            () -> NodesFile.parse(bigPort));
        final IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
            () -> NodesFile.parse(noAddress));

        assertTrue(colon.getMessage().startsWith(noColon + ":3: "), colon.getMessage());
        assertTrue(port.getMessage().startsWith(badPort + ":2: "), port.getMessage());
        assertTrue(big.getMessage().contains("65536"), big.getMessage());
        assertTrue(address.getMessage().contains("empty"), address.getMessage());
    }

    @Test
    void shouldReturnNoNodesWhenTheFileHoldsOnlyComments() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("empty.nodes"), "# nothing here\n\n");

        assertEquals(List.of(), NodesFile.parse(file));
    }
}
