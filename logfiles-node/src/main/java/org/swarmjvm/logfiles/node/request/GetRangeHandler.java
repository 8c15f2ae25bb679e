package org.swarmjvm.logfiles.node.request;

import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.logfiles.node.storage.RecordFilter;
import org.swarmjvm.logfiles.node.storage.RegexFilter;
import org.swarmjvm.logfiles.node.storage.SubstringFilter;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.protocol.SwarmProtocolException;
import org.swarmjvm.protocol.SwarmStatus;
import org.swarmjvm.protocol.logfiles.FilterMode;
import org.swarmjvm.protocol.logfiles.LogfilesCommand;
import org.swarmjvm.protocol.logfiles.codec.GetRangeRequestDecoder;

import java.util.regex.PatternSyntaxException;

/**
 * GetRange (28), GetRangeFilter (32) and GetRangeRegex (34): stream the records whose key lies in
 * {@code [lower, upper]}, compared as unsigned numbers, optionally filtered.
 * <ul>
 *   <li>GetRangeRegex with a mode byte other than 0, 1, 2 closes the connection (the original aborted the whole
 *   process);</li>
 *   <li>an expression that does not compile answers 500, also for a missing channel, as in the original;</li>
 *   <li>bounds that are not 16 hex digits close the connection when the channel exists; for a missing channel
 *   they are never parsed and the answer is an empty stream, as in the original;</li>
 *   <li>upper-case bounds select the same records as lower-case ones (the original's text comparison did not).</li>
 * </ul>
 */
final class GetRangeHandler extends RecordStreamHandler<GetRangeRequestDecoder>
{
    private final LogfilesCommand command;

    GetRangeHandler(
        final LogfilesStorage storage, final NodeServices node, final StreamTaskHolder tasks,
        final LogfilesCommand command)
    {
        super(new GetRangeRequestDecoder(command), storage, node, tasks);
        this.command = command;
    }

    @Override
    SwarmStatus prepare(final boolean exists)
    {
        RecordFilter filter = RecordFilter.ALL;
        if (LogfilesCommand.GET_RANGE_REGEX == command)
        {
            final FilterMode mode = request.mode();
            if (null == mode)
            {
                throw new SwarmProtocolException("GetRangeRegex filter mode " + request.modeByte() + " is unknown");
            }
            if (FilterMode.STRING_MATCH != mode)
            {
                try
                {
                    filter = RegexFilter.compile(request.buffer(), request.filterOffset(), request.filterLength(),
                        FilterMode.PCRE_CASE_INSENSITIVE == mode);
                }
                catch (final PatternSyntaxException ex)
                {
                    return SwarmStatus.ERROR;
                }
            }
        }
        if (request.hasFilter() && RecordFilter.ALL == filter)
        {
            filter = SubstringFilter.of(request.buffer(), request.filterOffset(), request.filterLength());
        }
        if (exists)
        {
            if (!request.areBoundsValid())
            {
                throw new SwarmProtocolException(command.label() + " bounds are not 16 hex digits each");
            }
            scan(request.lower(), request.upper(), filter);
        }
        return null;
    }
}
