package org.swarmjvm.cli.queue;

import org.swarmjvm.cli.CliException;
import org.swarmjvm.cli.CountOption;
import org.swarmjvm.cli.ExitCode;
import org.swarmjvm.cli.Output;
import org.swarmjvm.cli.Progress;
import org.swarmjvm.cli.StreamOptions;
import org.swarmjvm.protocol.queue.client.QueueClient;
import org.swarmjvm.protocol.queue.client.QueueConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.TimeUnit;

/**
 * {@code swarm queue consume CHANNEL}: prints the records of a channel as they arrive, taking them off the queue,
 * until {@code --count} records arrived, the channel is removed on every node, or Ctrl-C.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
    description = {"Take the records of a channel off the queue as they arrive on any node and print them, one " +
        "value per line, until --count records arrived, the channel is removed on every node, or Ctrl-C. " +
        "Consume creates the channel and subscribes to it as the default subscriber: CHANNEL and @CHANNEL are " +
        "the same; named subscribers (NAME@CHANNEL) need the neo protocol, which this client does not speak. " +
        "Records in flight when the command stops are lost (at most once, as in the original)."})
final class ConsumeCommand extends QueueSubcommand
{
    /** Separates a subscriber's name from the channel's, as in the node's storage names. */
    static final char SUBSCRIBER_SEPARATOR = '@';

    private static final long POLL_MILLIS = 1000;

    @Mixin
    CountOption count;

    @Mixin
    StreamOptions stream;

    @Override
    protected void prepare()
    {
        final int separator = channel.indexOf(SUBSCRIBER_SEPARATOR);
        if (separator > 0)
        {
            throw new CliException(ExitCode.USAGE, "\"" + channel + "\" names the subscriber \"" +
                channel.substring(0, separator) + "\": the legacy queue protocol consumes only as the default " +
                "subscriber (give " + channel.substring(separator) + " or " + channel.substring(separator + 1) +
                "); named subscribers need the neo protocol");
        }
        if (0 == separator)
        {
            channel = channel.substring(1);
        }
        super.prepare();
    }

    @Override
    int run(final QueueClient client, final Output output)
    {
        final Progress progress = stream.progress(err());
        try (QueueConsumer consumer = client.consume(channel))
        {
            if (progress.isEnabled())
            {
                err().println("consuming " + channel + " on " + nodeCount + " nodes; Ctrl-C stops");
                err().flush();
            }
            while (!count.isReached(progress.count()))
            {
                final byte[] value = consumer.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (null == value)
                {
                    if (consumer.isFinished())
                    {
                        break;
                    }
                    continue;
                }
                final String text = output.value(value);
                output.plain(text);
                output.object().field("value", text).end();
                output.flush();
                progress.increment();
            }
        }
        catch (final InterruptedException ex)
        {
            // Stopped from within the process (embedding): end as if the channel were removed.
            Thread.currentThread().interrupt();
        }
        progress.finish();
        return ExitCode.OK;
    }
}
