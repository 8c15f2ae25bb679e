package org.swarmjvm.protocol.dht.client;

import org.swarmjvm.protocol.dht.HashRange;
import org.swarmjvm.protocol.codec.HexKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The nodes of a DHT with the hash ranges their handshake reported, checked to cover every hash exactly once, and
 * the routing of keys to them (swarm's {@code DhtNodeRegistry}). A registry built by a repeated handshake also
 * remembers the owners of the registry it replaces, so that a read can look for a record still in flight on its
 * previous owner (docs/dht.md, "Moving ranges"). Immutable: the client swaps whole registries.
 */
final class NodeRegistry
{
    private final List<NodeAddress> nodes;
    private final HashRange[] ranges;
    private final List<NodeAddress> previousNodes;
    private final HashRange[] previousRanges;

    /**
     * @param ranges    every node's range, in registry order.
     * @param allowGaps true to accept ranges that leave hashes to no node (dhtdump's handshake).
     * @throws DhtHandshakeException when ranges are invalid, overlap, or (unless allowed) leave a gap.
     */
    NodeRegistry(final Map<NodeAddress, HashRange> ranges, final boolean allowGaps)
    {
        this(ranges, allowGaps, null);
    }

    /**
     * @param ranges    every node's range, in registry order.
     * @param allowGaps true to accept ranges that leave hashes to no node (dhtdump's handshake).
     * @param previous  the registry this one replaces, or {@code null}; only its own routing is kept, not its past.
     * @throws DhtHandshakeException when ranges are invalid, overlap, or (unless allowed) leave a gap.
     */
    NodeRegistry(final Map<NodeAddress, HashRange> ranges, final boolean allowGaps, final NodeRegistry previous)
    {
        checkCoverage(ranges, allowGaps);
        this.nodes = List.copyOf(ranges.keySet());
        this.ranges = ranges.values().toArray(new HashRange[0]);
        this.previousNodes = null == previous ? List.of() : previous.nodes;
        this.previousRanges = null == previous ? new HashRange[0] : previous.ranges;
    }

    /**
     * @param key a record key.
     * @return the node that owned the key in the registry this one replaced, when that is another node than its
     *         owner now; otherwise {@code null}.
     */
    NodeAddress previousOwnerFor(final long key)
    {
        final NodeAddress previous = ownerOrNull(previousNodes, previousRanges, key);
        return null == previous || previous.equals(ownerOrNull(nodes, ranges, key)) ? null : previous;
    }

    /**
     * @param other registry.
     * @return whether both route every key to the same node.
     */
    boolean routesLike(final NodeRegistry other)
    {
        return nodes.equals(other.nodes) && Arrays.equals(ranges, other.ranges);
    }

    List<NodeAddress> nodes()
    {
        return nodes;
    }

    /**
     * @param key a record key.
     * @return the first node, in registry order, whose range holds the bit-reversed key.
     */
    NodeAddress nodeFor(final long key)
    {
        final NodeAddress node = ownerOrNull(nodes, ranges, key);
        if (null == node)
        {
            throw new DhtClientException("no node is responsible for key 0x" + Long.toHexString(key));
        }
        return node;
    }

    private static NodeAddress ownerOrNull(final List<NodeAddress> nodes, final HashRange[] ranges, final long key)
    {
        for (int i = 0; i < ranges.length; i++)
        {
            if (!ranges[i].isEmpty() && ranges[i].containsKey(key))
            {
                return nodes.get(i);
            }
        }
        return null;
    }

    /**
     * Checks the legacy handshake's conditions: every range valid, no two overlapping, and together covering
     * every hash from 0 to 0xffffffffffffffff (unless gaps are allowed). Nodes with the empty range hold nothing
     * and are left out.
     */
    static void checkCoverage(final Map<NodeAddress, HashRange> ranges, final boolean allowGaps)
    {
        final List<Map.Entry<NodeAddress, HashRange>> owning = new ArrayList<>();
        for (final Map.Entry<NodeAddress, HashRange> entry : ranges.entrySet())
        {
            if (!entry.getValue().isValid())
            {
                throw new DhtHandshakeException("node " + entry.getKey() + " reports the invalid range " +
                    entry.getValue());
            }
            if (!entry.getValue().isEmpty())
            {
                owning.add(entry);
            }
        }
        if (owning.isEmpty())
        {
            throw new DhtHandshakeException("no node owns any hash: every range is empty " + ranges);
        }
        owning.sort(Comparator.comparing(entry -> entry.getValue().min(), Long::compareUnsigned));
        final Map.Entry<NodeAddress, HashRange> first = owning.get(0);
        if (first.getValue().min() != 0 && !allowGaps)
        {
            throw new DhtHandshakeException("gap: hashes 0x0000000000000000..0x" + hex(first.getValue().min() - 1) +
                " belong to no node; the lowest range is node " + first.getKey() + " " + first.getValue());
        }
        for (int i = 1; i < owning.size(); i++)
        {
            final Map.Entry<NodeAddress, HashRange> previous = owning.get(i - 1);
            final Map.Entry<NodeAddress, HashRange> next = owning.get(i);
            final long expectedMin = previous.getValue().max() + 1;
            if (previous.getValue().overlaps(next.getValue()))
            {
                throw new DhtHandshakeException("overlap: node " + previous.getKey() + " " + previous.getValue() +
                    " and node " + next.getKey() + " " + next.getValue() + " share hashes");
            }
            if (next.getValue().min() != expectedMin && !allowGaps)
            {
                throw new DhtHandshakeException("gap: hashes 0x" + hex(expectedMin) + "..0x" +
                    hex(next.getValue().min() - 1) + " belong to no node, between node " + previous.getKey() + " " +
                    previous.getValue() + " and node " + next.getKey() + " " + next.getValue());
            }
        }
        final Map.Entry<NodeAddress, HashRange> last = owning.get(owning.size() - 1);
        if (last.getValue().max() != -1L && !allowGaps)
        {
            throw new DhtHandshakeException("gap: hashes 0x" + hex(last.getValue().max() + 1) +
                "..0xffffffffffffffff belong to no node; the highest range is node " + last.getKey() + " " +
                last.getValue());
        }
    }

    private static String hex(final long value)
    {
        return HexKey.toString(value);
    }
}
