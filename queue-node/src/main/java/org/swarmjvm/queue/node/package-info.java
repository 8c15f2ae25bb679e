/**
 * The queue node: a legacy-protocol server over per-channel rings with a disk overflow.
 */
package org.swarmjvm.queue.node;
