package org.swarmjvm.protocol.dht.client;

/**
 * One node's answer to GetSize or GetChannelSize.
 *
 * @param node            asked.
 * @param reportedAddress the address the node reports (its configured one).
 * @param reportedPort    the port the node reports.
 * @param records         record count.
 * @param bytes           the node's byte figure (a memory estimate in the original).
 */
public record NodeSize(NodeAddress node, String reportedAddress, int reportedPort, long records, long bytes)
{
}
