package org.swarmjvm.queue.node.neo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.neo.ClientLimits;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.neo.NeoRawConnection;
import org.swarmjvm.queue.node.QueueNode;
import org.swarmjvm.queue.node.config.QueueNodeContext;
import org.swarmjvm.support.config.IniFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.swarmjvm.protocol.neo.NeoRawConnection.array;
import static org.swarmjvm.protocol.neo.NeoRawConnection.requestMessage;

/**
 * The {@code [Throttle]} keys of a queue node's config, from the file to the neo port: the default limit holds
 * a worker back with {@code ff} on its Pops while the connection stays open, and a client exempted by its own
 * section pushes unhindered on the same node. The throttle itself is the core's (swarm-node-core
 * {@code NeoThrottleTest}); this is the queue node's config reaching it.
 */
@Timeout(60)
class NeoThrottleConfigTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadTheDefaultAndPerClientLimits() throws IOException
    {
        final QueueNodeContext context = QueueNodeContext.fromIni(config(
            "[Throttle]", "requests_per_second = 1", "bytes_per_second = 1000000",
            "[Throttle.admin]", "requests_per_second = 0",
            "[Throttle.javaclient]", "bytes_per_second = 5000"));
        assertEquals(List.of(new ClientLimits(1, 1_000_000), new ClientLimits(0, 1_000_000),
            new ClientLimits(1, 5000)), List.of(context.neo().throttleOf("test"), context.neo().throttleOf("admin"),
            context.neo().throttleOf("javaclient")));
    }

    @Test
    void shouldRefuseAThrottledWorkersPopWithRequestNotSupportedAndServeAnExemptClient() throws IOException
    {
        final QueueNodeContext context = QueueNodeContext.fromIni(config(
            "[Throttle]", "requests_per_second = 1",
            "[Throttle.admin]", "requests_per_second = 0"));
        try (QueueNode node = QueueNode.launch(context);
            NeoRawConnection admin = new NeoRawConnection(node.neoPort()).authenticate("admin",
                NeoRawConnection.ZERO_KEY);
            NeoRawConnection worker = NeoQueueNodes.authenticated(node))
        {
            admin.send(pipelined(1, "01 03 01" + array("jobs") + array("j1"), 2, "01 03 01" + array("jobs") +
                array("j2"), 3, "01 03 01" + array("jobs") + array("j3")));
            for (long id = 1; id <= 3; id++)
            {
                admin.answer(id, "fd").answer(id, "01");
            }

            // Two Pops in one segment, handled in one poller turn: the first takes the one token, the second is
            // refused with the status alone.
            worker.send(pipelined(1, "02 01" + array("jobs"), 2, "02 01" + array("jobs")));
            worker.answer(1, "fd").answer(1, "01" + array("j1"));
            worker.expect("01 0900000000000000 08 0200000000000000 ff");
            worker.expectSilence(100);

            admin.request(4, "02 01" + array("jobs")).answer(4, "fd").answer(4, "01" + array("j2"));
        }
    }

    private IniFile config(final String... throttle) throws IOException
    {
        final List<String> lines = new ArrayList<>(List.of("[Server]", "address = 127.0.0.1", "port = 0",
            "neoport = 0", "channel_size_limit = 100000", "data_dir = " + dir.resolve("data"),
            "credentials_path = " + dir.resolve("credentials"), "[STATS]", "file_name = " + dir.resolve("stats.log")));
        lines.addAll(List.of(throttle));
        NeoRawConnection.writeCredentials(dir);
        return IniFile.parse("config.ini", lines);
    }

    private static byte[] pipelined(final Object... idsAndPayloads)
    {
        final ByteArrayOutputStream messages = new ByteArrayOutputStream();
        for (int i = 0; i < idsAndPayloads.length; i += 2)
        {
            messages.writeBytes(requestMessage(((Number)idsAndPayloads[i]).longValue(),
                Hex.parse((String)idsAndPayloads[i + 1])));
        }
        return messages.toByteArray();
    }
}
