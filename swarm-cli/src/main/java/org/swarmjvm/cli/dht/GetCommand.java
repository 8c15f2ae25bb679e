package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.HexOption;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.DhtClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code swarm dht get CHANNEL KEY}: prints a record's value; exit 1 when there is none.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Print a record's value; exit 1 (and print nothing) when there is none.")
final class GetCommand extends KeyedCommand
{
    @Mixin
    HexOption hex;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the value's bytes to FILE")
    Path file;

    @Override
    int run(final DhtClient client, final Output output)
    {
        final byte[] value = client.get(channel, key);
        if (0 == value.length)
        {
            err().println("swarm: no record " + Keys.format(key) + " in channel " + channel);
            return ExitCode.NOT_FOUND;
        }
        if (null != file)
        {
            try
            {
                Files.write(file, value);
            }
            catch (final IOException ex)
            {
                throw new CliException(ExitCode.USAGE, "cannot write " + file + ": " + ex, ex);
            }
            return ExitCode.OK;
        }
        output.plain(output.value(value));
        output.object().field("channel", channel).field("key", Keys.format(key)).field("value", output.value(value))
            .end();
        return ExitCode.OK;
    }
}
