/**
 * The logfiles storage engine, independent of networking: the bucket file layout of the original dlsnode (legacy
 * and version 1), appending with write buffers, range scans that fill one record batch at a time, and the
 * crash-recovery checkpoint. Every call here may block on disk and belongs on a worker thread.
 */
package org.swarmjvm.logfiles.node.storage;
