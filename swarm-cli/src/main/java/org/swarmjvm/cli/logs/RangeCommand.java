package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.logfiles.FilterMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;

/**
 * {@code swarm logs range CHANNEL FROM TO}: the records of a key range from every node.
 */
@Command(name = "range", mixinStandardHelpOptions = true,
    description = {"Print the records with FROM <= key <= TO from every node: KEY (16 hex digits), a space, " +
        "VALUE per line; each node's records in its storage order (roughly by key), node after node, or sorted " +
        "by key with --ordered. --filter and --regex keep the values that contain TEXT or match RE."})
final class RangeCommand extends RecordsCommand
{
    @Parameters(index = "1", paramLabel = "FROM", description = "smallest key: 1 to 16 hex digits, decimal with " +
        "--decimal")
    String fromText;

    @Parameters(index = "2", paramLabel = "TO", description = "largest key, included")
    String toText;

    @Mixin
    KeyOptions keyOptions;

    @Option(names = "--regex", paramLabel = "RE",
        description = "only values a regular expression matches anywhere (PCRE syntax, case-sensitive)")
    String regex;

    @Option(names = {"-i", "--ignore-case"}, description = "with --regex: ignore ASCII case")
    boolean ignoreCase;

    long from;
    long to;

    @Override
    protected void prepare()
    {
        super.prepare();
        from = keyOptions.parse(fromText);
        to = keyOptions.parse(toText);
        if (Long.compareUnsigned(from, to) > 0)
        {
            throw new CliException(ExitCode.USAGE, "FROM " + Keys.format(from) + " is after TO " + Keys.format(to));
        }
        if (null != regex && null != filter)
        {
            throw new CliException(ExitCode.USAGE, "give either --filter or --regex, not both");
        }
        if (null != regex && regex.isEmpty())
        {
            throw new CliException(ExitCode.USAGE, "--regex needs an expression");
        }
        if (ignoreCase && null == regex)
        {
            throw new CliException(ExitCode.USAGE, "--ignore-case goes with --regex");
        }
    }

    @Override
    int run(final Output output)
    {
        if (null != regex)
        {
            final FilterMode mode = ignoreCase ? FilterMode.PCRE_CASE_INSENSITIVE : FilterMode.PCRE;
            final byte[] expression = regex.getBytes(StandardCharsets.UTF_8);
            return print("GetRangeRegex", (client, handler) ->
                client.getRangeRegex(channel, from, to, mode, expression, handler), output);
        }
        if (null != filter)
        {
            final byte[] text = filterBytes();
            return print("GetRangeFilter", (client, handler) ->
                client.getRangeFilter(channel, from, to, text, handler), output);
        }
        return print("GetRange", (client, handler) -> client.getRange(channel, from, to, handler), output);
    }
}
