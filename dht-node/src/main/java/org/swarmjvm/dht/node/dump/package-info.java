/**
 * The node's dump files: loading every {@code <channel>.tcm} at start, dumping every channel at shutdown, and
 * moving a removed channel's file to {@code deleted/}.
 */
package org.swarmjvm.dht.node.dump;
