/**
 * Redistribute: moving a fraction of the buckets to other logfiles nodes with PutBatch.
 */
package org.swarmjvm.logfiles.node.redistribution;
