/**
 * The end-to-end load tool: drives a running DHT node over the legacy protocol through the project's own blocking
 * client, one thread and one connection per simulated client, closed loop (each connection waits for its answer
 * before sending the next request, as redis-benchmark without pipelining does). It warms up, measures, then prints
 * throughput and an HdrHistogram percentile table, and a one-line summary that scripts/bench reads.
 */
package org.swarmjvm.bench.load;
