package org.swarmjvm.examples.counter;

import org.swarmjvm.node.NodeEngine;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.request.Progress;
import org.swarmjvm.node.request.Reply;
import org.swarmjvm.node.request.RequestHandler;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.support.stats.StatsLine;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A counter node's commands over the legacy framing (i32 command code, then the fields; replies start with an
 * i32 status), little-endian like every legacy field:
 * <pre>
 *   1 Increment  u64 id, u64 delta -&gt; 200 u64 (the value after the addition)
 *   2 Get        u64 id            -&gt; 200 u64
 *   3 Reset      u64 id            -&gt; 200
 * </pre>
 * Every other code closes the connection (the core does that for a {@code null} name).
 */
public final class CounterNodeEngine implements NodeEngine
{
    /** Command code of Increment. */
    public static final int INCREMENT = 1;
    /** Command code of Get. */
    public static final int GET = 2;
    /** Command code of Reset. */
    public static final int RESET = 3;

    private static final String[] NAMES = {null, "Increment", "Get", "Reset"};
    private static final String CHANNEL = "counters";

    private final CounterStore store = new CounterStore();

    @Override
    public String[] commandNames()
    {
        return NAMES.clone();
    }

    @Override
    public RequestHandler[] newRequestHandlers(final NodeServices services)
    {
        return new RequestHandler[]{null, new IncrementHandler(), new GetHandler(), new ResetHandler()};
    }

    @Override
    public void appendStats(final StatsLine line)
    {
        line.add("counters", store.size());
    }

    @Override
    public void forEachChannel(final Visitor visitor)
    {
        final long counters = store.size();
        visitor.channel(CHANNEL, counters, counters * 2 * Long.BYTES);
    }

    @Override
    public void close()
    {
    }

    /**
     * Reads a u64 field: the id every command starts with, and Increment's delta.
     */
    private static long u64(final RequestScanner scanner)
    {
        return scanner.buffer().getLong(scanner.fieldOffset(), LITTLE_ENDIAN);
    }

    private final class IncrementHandler implements RequestHandler
    {
        private long id;
        private long delta;

        @Override
        public int decode(final RequestScanner scanner)
        {
            if (!scanner.fixed(Long.BYTES))
            {
                return scanner.shortfall();
            }
            id = u64(scanner);
            if (!scanner.fixed(Long.BYTES))
            {
                return scanner.shortfall();
            }
            delta = u64(scanner);
            return scanner.complete();
        }

        @Override
        public Progress execute(final Reply reply)
        {
            reply.begin().status(SwarmStatus.OK).u64(store.increment(id, delta));
            reply.end();
            return Progress.DONE;
        }
    }

    /**
     * Get and Reset: the counter id is their only field.
     */
    private abstract static class IdHandler implements RequestHandler
    {
        long id;

        @Override
        public int decode(final RequestScanner scanner)
        {
            if (!scanner.fixed(Long.BYTES))
            {
                return scanner.shortfall();
            }
            id = u64(scanner);
            return scanner.complete();
        }
    }

    private final class GetHandler extends IdHandler
    {
        @Override
        public Progress execute(final Reply reply)
        {
            reply.begin().status(SwarmStatus.OK).u64(store.get(id));
            reply.end();
            return Progress.DONE;
        }
    }

    private final class ResetHandler extends IdHandler
    {
        @Override
        public Progress execute(final Reply reply)
        {
            store.reset(id);
            reply.begin().status(SwarmStatus.OK);
            reply.end();
            return Progress.DONE;
        }
    }
}
