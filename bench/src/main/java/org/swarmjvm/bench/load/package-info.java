/**
 * The end-to-end load tool: drives running DHT, queue and logfiles nodes over the legacy protocols through the
 * project's own blocking clients ({@code DhtClient}, {@code QueueClient}, {@code LogfilesClient}), one thread and
 * one connection per simulated client, closed loop (each connection waits for its answer before sending the next
 * request, as redis-benchmark without pipelining does). It warms up, measures, then prints
 * throughput and an HdrHistogram percentile table, and a one-line summary that scripts/bench reads.
 */
package org.swarmjvm.bench.load;
