package org.swarmjvm.cli.rebalance;

import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.dht.client.NodeAddress;

/**
 * One part of a plan: a range of hashes whose records go from one node to another, with the records and bytes
 * estimated from the giver's size in proportion to the share of its range that moves.
 *
 * @param from    the node that holds the range now.
 * @param to      the node that owns it after the move.
 * @param range   the hashes that move.
 * @param records estimated.
 * @param bytes   estimated.
 */
public record RangeMove(NodeAddress from, NodeAddress to, HashRange range, long records, long bytes)
{
}
