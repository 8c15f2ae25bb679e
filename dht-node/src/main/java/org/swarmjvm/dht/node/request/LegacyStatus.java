package org.swarmjvm.dht.node.request;

import org.swarmjvm.dht.node.storage.DhtOperations;
import org.swarmjvm.protocol.SwarmStatus;

/**
 * The legacy protocol's answer to each outcome of a storage operation.
 */
final class LegacyStatus
{
    private static final SwarmStatus[] BY_OUTCOME = new SwarmStatus[DhtOperations.Outcome.values().length];

    static
    {
        BY_OUTCOME[DhtOperations.Outcome.OK.ordinal()] = SwarmStatus.OK;
        BY_OUTCOME[DhtOperations.Outcome.WRONG_NODE.ordinal()] = SwarmStatus.WRONG_NODE;
        BY_OUTCOME[DhtOperations.Outcome.VALUE_TOO_BIG.ordinal()] = SwarmStatus.VALUE_TOO_BIG;
        BY_OUTCOME[DhtOperations.Outcome.EMPTY_VALUE.ordinal()] = SwarmStatus.EMPTY_VALUE;
        BY_OUTCOME[DhtOperations.Outcome.OUT_OF_MEMORY.ordinal()] = SwarmStatus.OUT_OF_MEMORY;
        // Remove answers 200 whether or not the record existed.
        BY_OUTCOME[DhtOperations.Outcome.NO_RECORD.ordinal()] = SwarmStatus.OK;
    }

    private LegacyStatus()
    {
    }

    /**
     * @param outcome of a storage operation.
     * @return the status the legacy protocol answers for it.
     */
    static SwarmStatus of(final DhtOperations.Outcome outcome)
    {
        return BY_OUTCOME[outcome.ordinal()];
    }
}
