package org.swarmjvm.cli.rebalance;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.dht.client.NodesFile;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code swarm dht rebalance} and {@code swarm logs rebalance}: the wanted set as a change of the
 * nodes file, dry run or apply, the throttle, the step size and the nodes file to write at the end.
 */
public final class RebalanceOptions
{
    @Option(names = "--add", paramLabel = "HOST:PORT", split = ",",
        description = "a node to add (started with the empty range: minval 0xffffffffffffffff, maxval 0); repeatable")
    List<String> add = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "HOST:PORT", split = ",",
        description = "a node of the nodes file to empty and leave out; repeatable")
    List<String> remove = new ArrayList<>();

    @Option(names = "--replace", paramLabel = "OLD=NEW", split = ",",
        description = "a node of the nodes file and the new node that takes its range; repeatable")
    List<String> replace = new ArrayList<>();

    @Option(names = "--weights", paramLabel = "HOST:PORT=W", split = ",",
        description = "a node's weight (default 1): its share of the range is its weight over the sum")
    List<String> weights = new ArrayList<>();

    @Option(names = "--apply", description = "carry the plan out (without it: print the plan, change nothing)")
    boolean apply;

    @Option(names = "--dry-run", description = "print the plan and change nothing (the default)")
    boolean dryRun;

    @Option(names = "--max-rate", paramLabel = "RATE",
        description = "throttle: records per second (50000/s) or bytes per second (20MB/s; KB, MB, GB are 10^3, " +
            "10^6, 10^9)")
    String maxRate;

    @Option(names = "--step-records", paramLabel = "N",
        description = "records a step moves at most (default: one second at --max-rate, else 100000)")
    long stepRecords;

    @Option(names = "--write-nodes-file", paramLabel = "PATH",
        description = "after a verified --apply, write the new set of nodes here, in hash order, for the clients")
    Path nodesFile;

    private ClusterChange change;
    private MoveRate rate = MoveRate.UNLIMITED;

    /**
     * Checks the options before any node is asked.
     *
     * @throws CliException (usage) naming the bad option.
     */
    public void check()
    {
        if (apply && dryRun)
        {
            throw new CliException(ExitCode.USAGE, "give either --apply or --dry-run, not both");
        }
        if (stepRecords < 0)
        {
            throw new CliException(ExitCode.USAGE, "--step-records must be at least 1, not " + stepRecords);
        }
        try
        {
            if (null != maxRate)
            {
                rate = MoveRate.parse(maxRate);
            }
            final Map<NodeAddress, NodeAddress> replacements = new LinkedHashMap<>();
            for (final String pair : replace)
            {
                final String[] parts = pair.split("=", -1);
                if (parts.length != 2)
                {
                    throw new IllegalArgumentException("--replace " + pair + ": give OLD=NEW, as host:port=host:port");
                }
                replacements.put(node("--replace", parts[0]), node("--replace", parts[1]));
            }
            final Map<NodeAddress, Integer> weighted = new LinkedHashMap<>();
            for (final String pair : weights)
            {
                final int equals = pair.lastIndexOf('=');
                if (equals < 0)
                {
                    throw new IllegalArgumentException("--weights " + pair + ": give HOST:PORT=WEIGHT");
                }
                weighted.put(node("--weights", pair.substring(0, equals)),
                    Integer.parseInt(pair.substring(equals + 1).strip()));
            }
            change = new ClusterChange(add.stream().map(text -> node("--add", text)).toList(),
                remove.stream().map(text -> node("--remove", text)).toList(), replacements, weighted);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CliException(ExitCode.USAGE, ex.getMessage(), ex);
        }
    }

    /**
     * @return the wanted change, once checked.
     */
    public ClusterChange change()
    {
        return change;
    }

    /**
     * @return true for {@code --apply}.
     */
    public boolean isApply()
    {
        return apply;
    }

    /**
     * @param timeout of {@code --timeout}.
     * @return the settings of a rebalance.
     */
    public Rebalance.Settings settings(final Duration timeout)
    {
        return new Rebalance.Settings(timeout, Rebalance.Settings.DEFAULT.moveTimeout(), rate, stepRecords, false);
    }

    /**
     * Writes {@code --write-nodes-file}, if given, through a temporary file and a rename: one {@code host:port}
     * per line in the order given, each with its comment.
     *
     * @param nodes  node to the comment of its line ({@code ""} for none).
     * @param output says where it was written.
     * @throws CliException (usage) when the file cannot be written.
     */
    public void writeNodesFile(final Map<NodeAddress, String> nodes, final Output output)
    {
        if (null == nodesFile)
        {
            return;
        }
        final StringBuilder text = new StringBuilder("# written by swarm rebalance at ")
            .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        nodes.forEach((node, comment) -> text.append(node).append(comment.isEmpty() ? "" : "    # " + comment)
            .append('\n'));
        try
        {
            final Path folder = nodesFile.toAbsolutePath().getParent();
            final Path temporary = Files.createTempFile(folder, nodesFile.getFileName().toString(), ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, nodesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new CliException(ExitCode.USAGE, "cannot write the nodes file " + nodesFile + ": " + ex, ex);
        }
        output.plain("nodes file written: " + nodesFile);
    }

    /**
     * @param ex a rebalance's failure.
     * @return it as the command's failure: unreachable (3), refused (4), or ranges and end check (5).
     */
    public static CliException failure(final RebalanceException ex)
    {
        final int exitCode = switch (ex.kind())
        {
            case UNREACHABLE -> ExitCode.UNREACHABLE;
            case REFUSED -> ExitCode.STATUS;
            case RANGES, VERIFY -> ExitCode.WRONG_NODE;
        };
        return new CliException(exitCode, ex.getMessage(), ex);
    }

    private static NodeAddress node(final String option, final String text)
    {
        return NodesFile.parse(option, List.of(text)).get(0);
    }
}
