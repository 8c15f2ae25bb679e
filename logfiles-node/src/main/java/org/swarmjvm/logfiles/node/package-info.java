/**
 * The logfiles node: an append-only store of log records, bucketed on disk by their timestamp keys, serving the
 * legacy logfiles (DLS) protocol.
 */
package org.swarmjvm.logfiles.node;
