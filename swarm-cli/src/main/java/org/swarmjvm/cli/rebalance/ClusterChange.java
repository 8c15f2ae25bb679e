package org.swarmjvm.cli.rebalance;

import org.swarmjvm.protocol.dht.client.NodeAddress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wanted set of nodes, as a change of the current one: nodes to add, nodes to remove, nodes to replace by
 * others, and weights (a node's share of the hash range is its weight over the sum; 1 when not given).
 *
 * @param add     nodes to add; each must not be among the current nodes.
 * @param remove  current nodes to remove.
 * @param replace current node to the new node that takes its range.
 * @param weights node to its weight, at least 1; any node of the wanted set.
 */
public record ClusterChange(
    List<NodeAddress> add, List<NodeAddress> remove, Map<NodeAddress, NodeAddress> replace,
    Map<NodeAddress, Integer> weights)
{
    /** No change: rebalance the current nodes to equal shares. */
    public static final ClusterChange NONE = new ClusterChange(List.of(), List.of(), Map.of(), Map.of());

    /**
     * @param add     nodes to add.
     * @param remove  nodes to remove.
     * @param replace node to the one replacing it.
     * @param weights node to weight.
     */
    public ClusterChange
    {
        add = List.copyOf(add);
        remove = List.copyOf(remove);
        replace = Map.copyOf(replace);
        weights = Map.copyOf(weights);
    }

    /**
     * @param node to add.
     * @return the change that adds one node.
     */
    public static ClusterChange adding(final NodeAddress node)
    {
        return new ClusterChange(List.of(node), List.of(), Map.of(), Map.of());
    }

    /**
     * @param node to remove.
     * @return the change that removes one node.
     */
    public static ClusterChange removing(final NodeAddress node)
    {
        return new ClusterChange(List.of(), List.of(node), Map.of(), Map.of());
    }

    /**
     * @return true when the change only replaces nodes: each new node takes its old node's range as it is, and
     * no other range moves.
     */
    public boolean isReplaceOnly()
    {
        return !replace.isEmpty() && add.isEmpty() && remove.isEmpty() && weights.isEmpty();
    }

    /**
     * @param current the nodes of the nodes file.
     * @return every node the change concerns: the current ones, then the added and replacing ones.
     * @throws IllegalArgumentException naming the node when the change does not fit the current nodes.
     */
    public List<NodeAddress> concerned(final List<NodeAddress> current)
    {
        final Set<NodeAddress> known = new LinkedHashSet<>(current);
        if (known.size() != current.size())
        {
            throw new IllegalArgumentException("the nodes file lists a node twice");
        }
        for (final NodeAddress node : remove)
        {
            require(known.contains(node), "--remove " + node + ": not in the nodes file");
            require(!replace.containsKey(node), "--remove " + node + ": it is also replaced");
        }
        final Set<NodeAddress> incoming = new LinkedHashSet<>();
        for (final NodeAddress node : add)
        {
            require(!known.contains(node), "--add " + node + ": already in the nodes file");
            require(incoming.add(node), "--add " + node + ": given twice");
        }
        for (final Map.Entry<NodeAddress, NodeAddress> entry : replace.entrySet())
        {
            require(known.contains(entry.getKey()), "--replace " + entry.getKey() + ": not in the nodes file");
            require(!known.contains(entry.getValue()),
                "--replace ..=" + entry.getValue() + ": already in the nodes file");
            require(incoming.add(entry.getValue()), "--replace ..=" + entry.getValue() + ": added twice");
        }
        final List<NodeAddress> all = new ArrayList<>(known);
        all.addAll(incoming);
        final List<NodeAddress> wanted = wanted(all);
        require(!wanted.isEmpty(), "the change leaves no node");
        for (final Map.Entry<NodeAddress, Integer> weight : weights.entrySet())
        {
            require(wanted.contains(weight.getKey()), "--weights " + weight.getKey() + ": not a node of the new set");
            require(weight.getValue() >= 1, "--weights " + weight.getKey() + ": a weight is at least 1");
        }
        return all;
    }

    /**
     * @param concerned as {@link #concerned(List)} returned them.
     * @return the wanted set: the concerned nodes less the removed and replaced ones.
     */
    public List<NodeAddress> wanted(final List<NodeAddress> concerned)
    {
        final List<NodeAddress> wanted = new ArrayList<>(concerned);
        wanted.removeAll(remove);
        wanted.removeAll(replace.keySet());
        return wanted;
    }

    /**
     * @param node of the wanted set.
     * @return its weight.
     */
    public int weight(final NodeAddress node)
    {
        return weights.getOrDefault(node, 1);
    }

    /**
     * @return the replacements, new node to the node it replaces.
     */
    public Map<NodeAddress, NodeAddress> replacedBy()
    {
        final Map<NodeAddress, NodeAddress> inverse = new LinkedHashMap<>();
        replace.forEach((old, fresh) -> inverse.put(fresh, old));
        return inverse;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
