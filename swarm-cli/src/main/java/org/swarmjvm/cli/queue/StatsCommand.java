package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.NodeCommand;
import org.swarmjvm.cli.Output;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import org.swarmjvm.protocol.queue.QueueConst;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code swarm queue stats CHANNEL}: the leased-delivery figures of a channel, read from the nodes' metrics ports
 * and summed over the nodes.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Print a channel's leased-delivery figures, summed over the nodes given by their metrics port " +
        "([STATS] metrics_port): ready (records a Take or Pop gets now), leased, dead (records in the dead-letter " +
        "channel), redelivered and dead_lettered (since each node started). A node that has no lease figures " +
        "for the channel (never taken from) counts its records as ready."})
final class StatsCommand extends NodeCommand
{
    /** The figures printed, in order, as the metrics name them after {@code swarm_channel_}. */
    private static final String[] FIGURES = {"ready", "leased", "dead", "redelivered", "dead_lettered"};
    private static final Pattern GAUGE = Pattern.compile("swarm_channel_([a-z_]+)\\{channel=\"([^\"]*)\"} (\\S+)");

    @Parameters(index = "0", paramLabel = "CHANNEL", description = "channel name")
    String channel;

    @Mixin
    DeadLetterSuffixOption deadLetter;

    @Override
    protected void prepare()
    {
        checkChannel(channel, QueueConst.MAX_CHANNEL_NAME_LENGTH);
        checkChannel(deadLetter.deadLetterChannel(channel), QueueConst.MAX_CHANNEL_NAME_LENGTH);
    }

    @Override
    protected int run(final List<NodeAddress> addresses, final Output output)
    {
        final long[] sums = new long[FIGURES.length];
        final HttpClient http = HttpClient.newBuilder().connectTimeout(timeout()).build();
        for (final NodeAddress node : addresses)
        {
            add(figures(http, node), sums);
        }
        final StringBuilder text = new StringBuilder();
        final Output object = output.object().field("channel", channel);
        for (int i = 0; i < FIGURES.length; i++)
        {
            text.append(i > 0 ? "\n" : "").append(FIGURES[i]).append(' ').append(sums[i]);
            object.field(FIGURES[i], sums[i]);
        }
        output.plain(text.toString());
        object.end();
        return ExitCode.OK;
    }

    /**
     * @return one node's figures of the channel, in the order of {@link #FIGURES}.
     */
    private long[] figures(final HttpClient http, final NodeAddress node)
    {
        final String page = metrics(http, node);
        final String dead = deadLetter.deadLetterChannel(channel);
        long records = 0;
        long deadRecords = 0;
        long deadReady = -1;
        long ready = -1;
        final long[] figures = new long[FIGURES.length];
        final Matcher matcher = GAUGE.matcher(page);
        while (matcher.find())
        {
            final String figure = matcher.group(1);
            final long value = (long)Double.parseDouble(matcher.group(3));
            if (channel.equals(matcher.group(2)))
            {
                switch (figure)
                {
                    case "records" -> records = value;
                    case "ready" -> ready = value;
                    case "leased" -> figures[1] = value;
                    case "redelivered" -> figures[3] = value;
                    case "dead_lettered" -> figures[4] = value;
                    default -> { }
                }
            }
            else if (dead.equals(matcher.group(2)))
            {
                if ("records".equals(figure))
                {
                    deadRecords = value;
                }
                else if ("ready".equals(figure))
                {
                    deadReady = value;
                }
            }
        }
        figures[0] = ready >= 0 ? ready : records;
        figures[2] = deadReady >= 0 ? deadReady : deadRecords;
        return figures;
    }

    private String metrics(final HttpClient http, final NodeAddress node)
    {
        final URI uri = URI.create("http://" + node.address() + ":" + node.port() + "/metrics");
        try
        {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout()).build(),
                HttpResponse.BodyHandlers.ofString());
            if (200 != response.statusCode())
            {
                throw new CliException(ExitCode.STATUS, "GET " + uri + " answered " + response.statusCode());
            }
            return response.body();
        }
        catch (final IOException ex)
        {
            throw new CliException(ExitCode.UNREACHABLE, "cannot read the metrics of " + node + " (its [STATS] " +
                "metrics_port): " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.UNREACHABLE, "reading the metrics of " + node + " interrupted", ex);
        }
    }

    private static void add(final long[] figures, final long[] sums)
    {
        for (int i = 0; i < sums.length; i++)
        {
            sums[i] += figures[i];
        }
    }
}
