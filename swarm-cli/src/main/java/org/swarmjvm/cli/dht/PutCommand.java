package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Hex;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code swarm dht put CHANNEL KEY VALUE}: stores a record on the node owning the key.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = "Store a record (replacing any of that key) on the node owning the key; print where it went.")
final class PutCommand extends KeyedCommand
{
    @Parameters(index = "2", paramLabel = "VALUE",
        description = "the value: text (stored as UTF-8), hex digits with --hex, a file's path with --file")
    String valueText;

    @Option(names = "--hex", description = "VALUE is hex digits")
    boolean hex;

    @Option(names = "--file", description = "VALUE is the path of a file holding the value (- for stdin)")
    boolean file;

    byte[] value;

    @Override
    void prepare()
    {
        super.prepare();
        value = readValue();
        if (0 == value.length)
        {
            throw new CliException(ExitCode.USAGE, "the DHT stores no empty values (a Put needs at least one byte)");
        }
    }

    @Override
    int run(final DhtClient client, final Output output)
    {
        client.put(channel, key, value);
        final String node = client.nodeFor(key).toString();
        output.plain("put " + channel + " " + Keys.format(key) + " on " + node);
        output.object().field("channel", channel).field("key", Keys.format(key)).field("node", node)
            .field("bytes", value.length).end();
        return ExitCode.OK;
    }

    private byte[] readValue()
    {
        if (hex && file)
        {
            throw new CliException(ExitCode.USAGE, "give either --hex or --file, not both");
        }
        if (hex)
        {
            return Hex.decode(valueText);
        }
        if (file)
        {
            try
            {
                return "-".equals(valueText) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(valueText));
            }
            catch (final IOException ex)
            {
                throw new CliException(ExitCode.USAGE, "cannot read value file " + valueText + ": " + ex, ex);
            }
        }
        return valueText.getBytes(StandardCharsets.UTF_8);
    }
}
