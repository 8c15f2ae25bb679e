package org.swarmjvm.cli.logs;

import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.rebalance.ClusterChange;
import org.swarmjvm.cli.rebalance.LogsRebalance;
import org.swarmjvm.cli.rebalance.MoveRate;
import org.swarmjvm.cli.rebalance.RebalanceSubcommand;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code swarm logs rebalance}: evens out the records the logfiles nodes hold over a wanted set of nodes; see
 * {@link LogsRebalance}.
 */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
    description = {"Move records between logfiles nodes so that each node of the wanted set (the nodes of " +
        "--nodes, changed by --add, --remove, --replace and --weights) holds its share. Counts every node's " +
        "records, prints the plan and changes nothing, unless --apply: then it moves them in paced steps " +
        "through the nodes' Redistribute (whole buckets, picked at random), counts again and writes " +
        "--write-nodes-file. Run the same command again to finish an interrupted one."})
final class RebalanceCommand extends RebalanceSubcommand<LogsRebalance.Plan, LogsRebalance.Outcome>
{
    RebalanceCommand()
    {
        super("records", LogsRebalance::plan, LogsRebalance::apply);
    }

    @Override
    protected void report(final LogsRebalance.Outcome outcome, final double seconds, final Output output)
    {
        for (final LogsRebalance.NodeCount node : outcome.after())
        {
            output.plain("verify: node " + node.node() + " records " + node.records() + " bytes " +
                node.bytes());
        }
        final long before = outcome.plan().totalRecords();
        output.plain(String.format("moved in %d steps, %.1f s", outcome.steps(), seconds));
        output.plain("verify: " + outcome.steps() + " steps; records before " + before + ", after " +
            outcome.recordsAfter() + (before == outcome.recordsAfter() ? ": unchanged" :
                ": changed (clients wrote or removed records during the move)"));
        output.object().field("steps", outcome.steps()).field("records_before", before)
            .field("records_after", outcome.recordsAfter()).field("seconds", (long)Math.ceil(seconds)).end();
    }

    @Override
    protected Map<NodeAddress, String> nodesFile(final LogsRebalance.Outcome outcome,
        final List<NodeAddress> addresses, final ClusterChange change)
    {
        final Map<NodeAddress, String> nodesFile = new LinkedHashMap<>();
        change.wanted(change.concerned(addresses)).forEach(node -> nodesFile.put(node, ""));
        return nodesFile;
    }

    @Override
    protected void print(final LogsRebalance.Plan plan, final MoveRate rate, final Output output)
    {
        for (final LogsRebalance.NodeCount node : plan.current())
        {
            final long target = plan.target().get(node.node());
            output.plain("node " + node.node() + " records " + node.records() + " bytes " + node.bytes() + " -> ~" +
                target + " records");
            output.object().field("node", node.node().toString()).field("records", node.records())
                .field("bytes", node.bytes()).field("target_records", target).end();
        }
        for (final LogsRebalance.Move move : plan.moves())
        {
            output.plain("move ~" + move.records() + " records, ~" + move.bytes() + " bytes from " + move.from() +
                " to " + move.to());
            output.object().field("from", move.from().toString()).field("to", move.to().toString())
                .field("records", move.records()).field("bytes", move.bytes()).end();
        }
        final String time = rate.isUnlimited() ? "no --max-rate" :
            String.format("about %.0f s at %s", rate.seconds(plan.records(), plan.bytes()), rate);
        output.plain(plan.moves().isEmpty() ? "plan: every node holds its share already, nothing to move" :
            "plan: ~" + plan.records() + " of " + plan.totalRecords() + " records and ~" + plan.bytes() +
                " bytes to move in " + plan.moves().size() + " moves, " + time);
        output.object().field("plan_records", plan.records()).field("plan_bytes", plan.bytes())
            .field("total_records", plan.totalRecords()).field("moves", plan.moves().size()).end();
    }
}
