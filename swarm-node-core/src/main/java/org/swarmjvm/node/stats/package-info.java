/**
 * Node statistics: counters kept by the poller thread and one {@code stats.log} line per interval.
 */
package org.swarmjvm.node.stats;
