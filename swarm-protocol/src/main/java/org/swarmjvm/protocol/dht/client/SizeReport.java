package org.swarmjvm.protocol.dht.client;

import java.util.List;

/**
 * GetSize or GetChannelSize over all nodes.
 *
 * @param nodes one answer per node, in registry order.
 */
public record SizeReport(List<NodeSize> nodes)
{
    /**
     * @param nodes one answer per node, in registry order.
     */
    public SizeReport
    {
        nodes = List.copyOf(nodes);
    }

    /**
     * @return records over all nodes.
     */
    public long totalRecords()
    {
        return nodes.stream().mapToLong(NodeSize::records).sum();
    }

    /**
     * @return bytes over all nodes.
     */
    public long totalBytes()
    {
        return nodes.stream().mapToLong(NodeSize::bytes).sum();
    }
}
