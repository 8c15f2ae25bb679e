package org.swarmjvm.cli.rebalance;

import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;

/**
 * What a node reported: its range (GetResponsibleRange) and size (GetSize).
 *
 * @param node    the node.
 * @param range   its current range.
 * @param records it holds, over all channels.
 * @param bytes   it holds, over all channels.
 */
public record NodeState(NodeAddress node, HashRange range, long records, long bytes)
{
}
