package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.rebalance.ClusterChange;
import org.swarmjvm.cli.rebalance.MoveRate;
import org.swarmjvm.cli.rebalance.NodeState;
import org.swarmjvm.cli.rebalance.RangeMove;
import org.swarmjvm.cli.rebalance.RangePlan;
import org.swarmjvm.cli.rebalance.Rebalance;
import org.swarmjvm.cli.rebalance.RebalanceSubcommand;
import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code swarm dht rebalance}: plans and (with {@code --apply}) carries out the move of hash ranges to a wanted
 * set of nodes; see {@link Rebalance}.
 */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
    description = {"Move hash ranges to a wanted set of nodes: the nodes of --nodes, changed by --add, --remove, " +
        "--replace and --weights (equal shares by default). Prints the plan (ranges moving from node to node, " +
        "estimated records, bytes and time) and changes nothing, unless --apply: then it moves them in paced " +
        "steps through the nodes' Redistribute, verifies every node's range and the records, and writes " +
        "--write-nodes-file. Interrupted, it leaves the cluster serving; run the same command again to finish."})
final class RebalanceCommand extends RebalanceSubcommand<RangePlan, Rebalance.Outcome>
{
    @Option(names = "--receiver-first",
        description = "send each step's receiver its grown range before the giver its shrunk one, for givers " +
            "that do no handover (original nodes); clients then see both claim the sub-range for a moment")
    boolean receiverFirst;

    RebalanceCommand()
    {
        super("ranges", Rebalance::plan, Rebalance::apply);
    }

    @Override
    protected Rebalance.Settings settings(final Rebalance.Settings fromOptions)
    {
        return fromOptions.withReceiverFirst(receiverFirst);
    }

    @Override
    protected Map<NodeAddress, String> nodesFile(final Rebalance.Outcome outcome, final List<NodeAddress> addresses,
        final ClusterChange change)
    {
        final Map<NodeAddress, String> nodesFile = new LinkedHashMap<>();
        outcome.plan().target().forEach((node, range) ->
        {
            if (!range.isEmpty())
            {
                nodesFile.put(node, range.toString());
            }
        });
        return nodesFile;
    }

    @Override
    protected void print(final RangePlan plan, final MoveRate rate, final Output output)
    {
        for (final NodeState node : plan.current())
        {
            final HashRange target = plan.target().get(node.node());
            output.plain("node " + node.node() + " " + node.range() + " records " + node.records() + " bytes " +
                node.bytes() + " -> " + target);
            output.object().field("node", node.node().toString()).field("range", node.range().toString())
                .field("records", node.records()).field("bytes", node.bytes()).field("target", target.toString())
                .end();
        }
        for (final RangeMove move : plan.moves())
        {
            output.plain("move " + move.range() + " from " + move.from() + " to " + move.to() + ": ~" +
                move.records() + " records, ~" + move.bytes() + " bytes");
            output.object().field("move", move.range().toString()).field("from", move.from().toString())
                .field("to", move.to().toString()).field("records", move.records()).field("bytes", move.bytes())
                .end();
        }
        final String time = rate.isUnlimited() ? "no --max-rate" :
            String.format("about %.0f s at %s", rate.seconds(plan.records(), plan.bytes()), rate);
        output.plain(plan.isDone() ? "plan: every node has its range already, nothing to move" :
            "plan: ~" + plan.records() + " of " + plan.totalRecords() + " records and ~" + plan.bytes() +
                " bytes to move in " + plan.moves().size() + " moves, " + time);
        output.object().field("plan_records", plan.records()).field("plan_bytes", plan.bytes())
            .field("total_records", plan.totalRecords()).field("moves", plan.moves().size())
            .field("seconds", (long)Math.ceil(rate.seconds(plan.records(), plan.bytes()))).end();
    }

    @Override
    protected void report(final Rebalance.Outcome outcome, final double seconds, final Output output)
    {
        output.plain(String.format("moved %d records, %d bytes in %d steps, %.1f s (%.0f records/s, %.2f MB/s)",
            outcome.movedRecords(), outcome.movedBytes(), outcome.steps(), seconds,
            outcome.movedRecords() / Math.max(seconds, 1e-3), outcome.movedBytes() / 1e6 / Math.max(seconds, 1e-3)));
        if (outcome.sweptRecords() > 0)
        {
            output.plain("sweep: " + outcome.sweptRecords() + " records left behind by an earlier move reached " +
                "their nodes");
        }
        final Map<NodeAddress, HashRange> target = outcome.plan().target();
        for (final NodeState node : outcome.after())
        {
            output.plain("verify: node " + node.node() + " " + node.range() + " records " + node.records() +
                (node.range().equals(target.get(node.node())) ? " as planned" : " NOT as planned"));
        }
        final long difference = outcome.recordsAfter() - outcome.recordsBefore();
        output.plain("verify: records before " + outcome.recordsBefore() + ", after " + outcome.recordsAfter() +
            (0 == difference ? ": unchanged" : ": " + (difference > 0 ? "+" : "") + difference +
                " (clients wrote or removed records during the move)"));
        output.object().field("moved_records", outcome.movedRecords()).field("moved_bytes", outcome.movedBytes())
            .field("steps", outcome.steps()).field("swept_records", outcome.sweptRecords())
            .field("records_before", outcome.recordsBefore()).field("records_after", outcome.recordsAfter())
            .field("seconds", (long)Math.ceil(seconds)).end();
    }
}
