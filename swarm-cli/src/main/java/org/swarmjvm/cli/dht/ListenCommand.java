package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.CountOption;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Failures;
import org.swarmjvm.cli.Keys;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.Progress;
import org.swarmjvm.cli.StreamOptions;
import org.swarmjvm.protocol.dht.client.DhtClient;
import org.swarmjvm.protocol.dht.client.DhtClientException;
import org.swarmjvm.protocol.dht.client.ListenHandler;
import org.swarmjvm.protocol.dht.client.Listener;
import org.swarmjvm.protocol.dht.client.NodeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code swarm dht listen CHANNEL}: prints the records put to a channel from now on, until the channel is removed
 * on every node, {@code --count} records arrived, or Ctrl-C.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
    description = {"Print records as they are put to a channel (KEY, a tab, VALUE per line) until the channel is " +
        "removed on every node, --count records arrived, or Ctrl-C. Listen creates the channel."})
final class ListenCommand extends DhtSubcommand
{
    @Parameters(index = "0", paramLabel = "CHANNEL", description = "channel name")
    String channel;

    @Mixin
    CountOption count;

    @Mixin
    StreamOptions stream;

    /** What the nodes' reader threads hand to the printing thread. */
    private record Event(NodeAddress node, long key, byte[] value, RuntimeException error)
    {
    }

    @Override
    protected void prepare()
    {
        checkChannel(channel);
    }

    @Override
    int run(final DhtClient client, final Output output)
    {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final Progress progress = stream.progress(err());
        try (Listener listener = client.listen(channel, new ListenHandler()
        {
            @Override
            public void accept(final long key, final byte[] value)
            {
                events.add(new Event(null, key, value, null));
            }

            @Override
            public void onEnd(final NodeAddress node)
            {
                events.add(new Event(node, 0, null, null));
            }

            @Override
            public void onError(final NodeAddress node, final RuntimeException error)
            {
                events.add(new Event(node, 0, null, error));
            }
        }))
        {
            if (progress.isEnabled())
            {
                err().println("listening to " + channel + " on " + client.nodes().size() + " nodes; Ctrl-C stops");
                err().flush();
            }
            int streams = client.nodes().size();
            while (streams > 0 && !count.isReached(progress.count()))
            {
                final Event event = take(events);
                if (null == event)
                {
                    break;
                }
                if (null != event.error())
                {
                    throw event.error() instanceof DhtClientException ?
                        Failures.ofRequest((DhtClientException)event.error()) :
                        new CliException(ExitCode.UNREACHABLE, "listen stream of " + event.node() + " broke: " +
                        event.error().getMessage(), event.error());
                }
                if (null != event.node())
                {
                    streams--;
                    continue;
                }
                final String text = output.value(event.value());
                output.plain(Keys.format(event.key()) + "\t" + text);
                output.object().field("key", Keys.format(event.key())).field("value", text).end();
                output.flush();
                progress.increment();
            }
        }
        progress.finish();
        return ExitCode.OK;
    }

    private static Event take(final BlockingQueue<Event> events)
    {
        try
        {
            return events.take();
        }
        catch (final InterruptedException ex)
        {
            // Stopped from within the process (embedding): end the stream as if the channel were removed.
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
