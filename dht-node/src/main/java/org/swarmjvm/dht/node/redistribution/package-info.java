/**
 * Redistribute: moving the records outside the node's new range to the nodes that now own them.
 */
package org.swarmjvm.dht.node.redistribution;
