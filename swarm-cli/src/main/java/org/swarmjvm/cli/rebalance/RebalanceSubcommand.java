package org.swarmjvm.cli.rebalance;

import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.NodeCommand;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.Progress;
import org.swarmjvm.cli.ProgressOption;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Map;

/**
 * The base of {@code swarm dht rebalance} and {@code swarm logs rebalance}: plans and prints the plan, stops there
 * unless {@code --apply}, then carries it out with the progress display, reports, writes {@code --write-nodes-file}
 * and maps a failure to its exit code. A node kind supplies its planner, engine and printing.
 *
 * @param <P> the plan of the node kind.
 * @param <O> the outcome of carrying it out.
 */
public abstract class RebalanceSubcommand<P extends MovePlan, O> extends NodeCommand
{
    /**
     * Plans a rebalance of a node kind.
     *
     * @param <P> the plan.
     */
    @FunctionalInterface
    protected interface Planner<P>
    {
        /**
         * @param addresses of the nodes file.
         * @param change    the wanted change.
         * @param settings  of the options.
         * @return the plan, asking every node concerned.
         * @throws RebalanceException when a node cannot be asked.
         */
        P plan(List<NodeAddress> addresses, ClusterChange change, Rebalance.Settings settings);
    }

    /**
     * Carries out a rebalance of a node kind.
     *
     * @param <O> the outcome.
     */
    @FunctionalInterface
    protected interface Mover<O>
    {
        /**
         * @param addresses of the nodes file.
         * @param change    the wanted change.
         * @param settings  of the options.
         * @param listener  told of every step.
         * @return what was moved and how the nodes are at the end.
         * @throws RebalanceException when the moves or the end check fail.
         */
        O apply(List<NodeAddress> addresses, ClusterChange change, Rebalance.Settings settings,
            Rebalance.Listener listener);
    }

    @Mixin
    private RebalanceOptions options;

    @Mixin
    private ProgressOption progress;

    private final String moved;
    private final Planner<P> planner;
    private final Mover<O> mover;

    /**
     * @param moved   what the moves move, for the dry run's message: "ranges" or "records".
     * @param planner of the node kind, such as {@link Rebalance#plan}.
     * @param mover   of the node kind, such as {@link Rebalance#apply}.
     */
    protected RebalanceSubcommand(final String moved, final Planner<P> planner, final Mover<O> mover)
    {
        this.moved = moved;
        this.planner = planner;
        this.mover = mover;
    }

    @Override
    protected final void prepare()
    {
        options.check();
    }

    @Override
    protected final int run(final List<NodeAddress> addresses, final Output output)
    {
        final ClusterChange change = options.change();
        final Rebalance.Settings settings = settings(options.settings(timeout()));
        try
        {
            final P plan = planner.plan(addresses, change, settings);
            print(plan, settings.maxRate(), output);
            if (!options.isApply())
            {
                output.plain("dry run: nothing changed; add --apply to move the " + moved);
                return ExitCode.OK;
            }
            final Progress shown = progress.progress(err(), "records", plan.records(), plan.bytes());
            final long start = System.nanoTime();
            final O outcome = mover.apply(addresses, change, settings, new Rebalance.Listener()
            {
                @Override
                public void onStep(final Rebalance.StepReport step)
                {
                    shown.advance(step.records(), step.bytes());
                }
            });
            shown.finish();
            report(outcome, (System.nanoTime() - start) / 1e9, output);
            options.writeNodesFile(nodesFile(outcome, addresses, change), output);
            return ExitCode.OK;
        }
        catch (final RebalanceException ex)
        {
            throw RebalanceOptions.failure(ex);
        }
    }

    /**
     * @param fromOptions the settings of the shared options.
     * @return them, with what the node kind's own options change.
     */
    protected Rebalance.Settings settings(final Rebalance.Settings fromOptions)
    {
        return fromOptions;
    }

    /**
     * @param plan   to print.
     * @param rate   of {@code --max-rate}, for the estimated time.
     * @param output to print to.
     */
    protected abstract void print(P plan, MoveRate rate, Output output);

    /**
     * @param outcome of the moves.
     * @param seconds the moves took.
     * @param output  to print to.
     */
    protected abstract void report(O outcome, double seconds, Output output);

    /**
     * @param outcome   of the moves.
     * @param addresses of the nodes file.
     * @param change    the wanted change.
     * @return the lines of {@code --write-nodes-file}: node to its comment ({@code ""} for none), in order.
     */
    protected abstract Map<NodeAddress, String> nodesFile(O outcome, List<NodeAddress> addresses,
        ClusterChange change);
}
