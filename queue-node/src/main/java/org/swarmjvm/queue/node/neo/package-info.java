/**
 * The queue node's neo requests (Push v3, Pop v1, Consume v4) over the storage the legacy requests use.
 */
package org.swarmjvm.queue.node.neo;
