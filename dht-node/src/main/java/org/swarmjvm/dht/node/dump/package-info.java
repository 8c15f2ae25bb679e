/**
 * The node's dump files: loading every {@code <channel>.tcm} at start and dumping every channel at shutdown.
 */
package org.swarmjvm.dht.node.dump;
