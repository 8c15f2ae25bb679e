/**
 * Queue storage independent of networking: rings, the disk overflow, channels and subscribers, and the files of
 * the original node (ring dumps, overflow data and index) plus the crash-safe ring files.
 */
package org.swarmjvm.queue.node.storage;
