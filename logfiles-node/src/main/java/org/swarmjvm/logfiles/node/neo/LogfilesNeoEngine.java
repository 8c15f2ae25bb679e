package org.swarmjvm.logfiles.node.neo;

import org.swarmjvm.logfiles.node.request.ActionCounters;
import org.swarmjvm.logfiles.node.storage.LogfilesStorage;
import org.swarmjvm.node.NodeServices;
import org.swarmjvm.node.neo.NeoEngine;
import org.swarmjvm.node.neo.NeoRequest;
import org.swarmjvm.protocol.neo.logfiles.LogfilesNeoRequest;

/**
 * The logfiles node's neo requests: Put v1 and GetRange v2, over the storage, the blocking worker and the action
 * counters the legacy requests use. Handlers run on the poller thread; every disk access goes to the worker.
 */
public final class LogfilesNeoEngine implements NeoEngine
{
    private static final String[] REQUEST_NAMES = {null, "Put", "GetRange"};

    private final LogfilesStorage storage;
    private final ActionCounters counters;

    /**
     * @param storage  shared with the legacy requests.
     * @param counters shared with the legacy requests.
     */
    public LogfilesNeoEngine(final LogfilesStorage storage, final ActionCounters counters)
    {
        this.storage = storage;
        this.counters = counters;
    }

    @Override
    public String[] requestNames()
    {
        return REQUEST_NAMES.clone();
    }

    @Override
    public int requestVersion(final int code)
    {
        return LogfilesNeoRequest.PUT == code ? LogfilesNeoRequest.PUT_VERSION : LogfilesNeoRequest.GET_RANGE_VERSION;
    }

    /** Spec neo.md 10: both requests are timed. */
    @Override
    public boolean isTimed(final int code)
    {
        return true;
    }

    @Override
    public NeoRequest newRequest(final int code, final NodeServices services)
    {
        if (LogfilesNeoRequest.PUT == code)
        {
            return new PutHandler(storage, services.worker(), counters);
        }
        return new GetRangeHandler(storage, services.worker(), counters);
    }
}
