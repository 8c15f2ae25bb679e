/**
 * The network side shared by every protocol: one selector thread (the {@link org.swarmjvm.node.net.Poller}), a
 * {@link org.swarmjvm.node.net.Listener} per protocol with its pool of connection slots, and the node-wide
 * {@link org.swarmjvm.node.net.RequestMemory}. A protocol is a {@link org.swarmjvm.node.net.Protocol} with its
 * {@link org.swarmjvm.node.net.PooledConnection}.
 */
package org.swarmjvm.node.net;
