/**
 * Node statistics: counters kept by the poller thread, one {@code stats.log} line per interval, and the metrics
 * endpoint (the Prometheus client library) reading the same counters at scrape time, with the JVM metrics and a
 * health check.
 */
package org.swarmjvm.node.stats;
