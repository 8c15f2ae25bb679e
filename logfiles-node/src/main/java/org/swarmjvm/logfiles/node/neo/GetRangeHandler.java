package org.swarmjvm.logfiles.node.neo;

import org.agrona.DirectBuffer;
import org.swarmjvm.logfiles.node.request.ActionCounters;
import org.swarmjvm.logfiles.node.storage.LogfilesChannel;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.logfiles.node.storage.RegexFilter;
import org.swarmjvm.logfiles.node.storage.SubstringFilter;
import org.swarmjvm.node.work.BlockingWorker;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoRequest;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.regex.PatternSyntaxException;

/**
 * GetRange (code 2, v2): {@code ARRAY(channel) | i64 low | i64 high | ARRAY(filter) | u8 mode}, parsed exactly.
 * {@code 01 Started}, then one {@code 03 Records} batch at a time, each answered by the client's {@code 01 Continue}
 * (next batch) or {@code 02 Stop} ({@code 04 Stopped}, over); at the end {@code 05 Finished}, answered by
 * {@code 06 Ack}. A client suspends the stream by withholding {@code Continue}: the node sends nothing meanwhile.
 * <p>
 * Every batch is read and compressed on the blocking worker; {@code Stop} while it runs cancels it and is answered
 * at once. Records with {@code low <= timestamp <= high}, signed; filters: 1 the value contains the filter bytes,
 * 2 and 3 a {@code java.util.regex} expression found in the value (3 ignoring ASCII case), the legacy GetRangeRegex
 * filters; an empty filter string filters nothing whatever the mode. A missing channel is an empty one.
 * <p>
 * {@code 03 Error} answers what does not parse (as in the original) and, where the original sent nothing or
 * aborted: {@code low > high}, an expression that does not compile, a mode over 3, mode 0 with a filter string, and
 * an invalid channel name (the legacy rule). A read failure mid-stream closes the connection.
 */
final class GetRangeHandler extends LogfilesNeoHandler
{
    private static final Logger LOG = System.getLogger(GetRangeHandler.class.getName());

    /** Where the stream is. */
    private enum State
    {
        /** A batch is being read on the worker. */
        FILLING,
        /** A batch has been read and waits for room in the connection's output. */
        READY,
        /** A batch was sent; waiting for Continue or Stop. */
        SENT,
        /** Finished was sent; waiting for Ack. */
        FINISHED
    }

    private State state;
    private RangeTask task;

    GetRangeHandler(final LogfilesStorage storage, final BlockingWorker worker, final ActionCounters counters)
    {
        super(storage, worker, counters);
    }

    @Override
    protected void onStart(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!readChannel(buffer, offset, length) || !reader.hasLong())
        {
            answerError();
            return;
        }
        final long low = reader.readLong();
        if (!reader.hasLong())
        {
            answerError();
            return;
        }
        final long high = reader.readLong();
        if (!reader.readArray())
        {
            answerError();
            return;
        }
        final int mode = reader.readU8();
        if (mode < 0 || 0 != reader.remaining() || low > high || !copyValidChannel())
        {
            answerError();
            return;
        }
        final RecordFilter filter = filter(buffer, reader.arrayOffset(), reader.arrayLength(), mode);
        if (null == filter)
        {
            answerError();
            return;
        }
        final LogfilesChannel channel = storage.channel(channelName.text());
        sendByte(LogfilesNeoRequest.GET_RANGE_STARTED);
        if (null == channel)
        {
            sendFinished();
            return;
        }
        if (null == task)
        {
            task = new RangeTask(storage.settings().readBufferSize());
        }
        task.start(channel, low, high, filter);
        fill();
    }

    /**
     * @return the filter for the mode, or {@code null} when the mode or the expression is invalid.
     */
    private static RecordFilter filter(final DirectBuffer buffer, final int offset, final int length, final int mode)
    {
        if (mode > LogfilesNeoRequest.FILTER_PCRE_CASE_INSENSITIVE ||
            (LogfilesNeoRequest.FILTER_NONE == mode && length > 0))
        {
            return null;
        }
        if (0 == length)
        {
            return RecordFilter.ALL;
        }
        if (LogfilesNeoRequest.FILTER_STRING_MATCH == mode)
        {
            return SubstringFilter.of(buffer, offset, length);
        }
        try
        {
            return RegexFilter.compile(buffer, offset, length, LogfilesNeoRequest.FILTER_PCRE_CASE_INSENSITIVE == mode);
        }
        catch (final PatternSyntaxException ex)
        {
            return null;
        }
    }

    private void fill()
    {
        state = State.FILLING;
        task.queued(this);
        worker.submit(task);
    }

    @Override
    protected void onWoken()
    {
        if (State.FILLING != state || null == task || !task.isDone())
        {
            return;
        }
        if (null != task.failure())
        {
            LOG.log(Level.ERROR, "neo GetRange on " + channelName.text() + " failed", task.failure());
            task.end();
            protocolError("reading the channel failed mid-stream");
            return;
        }
        state = State.READY;
        onWritable();
    }

    @Override
    protected void onWritable()
    {
        if (State.READY != state)
        {
            return;
        }
        if (!hasRoom())
        {
            requestWrite();
            return;
        }
        if (0 == task.framedLength())
        {
            sendFinished();
            return;
        }
        final int payload = beginMessage();
        out().putByte(payload, (byte)LogfilesNeoRequest.RECORDS);
        out().putBytes(payload + 1, task.framed(), 0, task.framedLength());
        endMessage(1 + task.framedLength());
        counters.onHandled(task.batchRecords(), task.batchValueBytes());
        state = State.SENT;
    }

    private void sendFinished()
    {
        sendByte(LogfilesNeoRequest.FINISHED);
        state = State.FINISHED;
    }

    @Override
    protected void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int type = controlType(buffer, offset, length);
        if (State.FINISHED == state)
        {
            // The original ignores everything but Ack while it sends Finished.
            if (LogfilesNeoRequest.ACK == type)
            {
                finish();
            }
            return;
        }
        if (LogfilesNeoRequest.STOP == type)
        {
            sendByte(LogfilesNeoRequest.STOPPED);
            finish();
        }
        else if (LogfilesNeoRequest.CONTINUE == type && State.SENT == state)
        {
            if (task.isEnded())
            {
                sendFinished();
            }
            else
            {
                fill();
            }
        }
        else
        {
            protocolError("unexpected GetRange message type " + type + " while " + state);
        }
    }

    private void answerError()
    {
        answer(LogfilesNeoRequest.GET_RANGE_ERROR);
    }

    @Override
    protected void onEnd()
    {
        if (State.FILLING == state)
        {
            // A task still running closes its scan itself when it finishes; it is never reused.
            task.cancel();
            task = null;
        }
        else if (null != task)
        {
            task.end();
        }
        state = null;
    }
}
