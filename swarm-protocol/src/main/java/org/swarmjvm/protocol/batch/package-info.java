/**
 * Record batches of the bulk commands (GetAll*, PutBatch, logfiles ranges, and neo GetAll, Mirror and GetRange):
 * length-prefixed entries, compressed as one raw LZO1X block behind a u64 uncompressed length.
 */
package org.swarmjvm.protocol.batch;
