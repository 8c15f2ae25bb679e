package org.swarmjvm.protocol.dht.client;

/**
 * One node's answer to GetNumConnections.
 *
 * @param node            asked.
 * @param reportedAddress the address the node reports.
 * @param reportedPort    the port the node reports.
 * @param connections     legacy connections open on the node, the asking one included.
 */
public record NumConnections(NodeAddress node, String reportedAddress, int reportedPort, long connections)
{
}
