/**
 * Rebalancing DHT and logfiles nodes: the planner of the DHT nodes' target ranges
 * ({@link org.swarmjvm.cli.rebalance.RangeLayout}) and the engine that moves them through Redistribute
 * ({@link org.swarmjvm.cli.rebalance.Rebalance}), used by {@code swarm dht rebalance} and by tests in-JVM; and the
 * steps of {@code swarm logs rebalance} ({@link org.swarmjvm.cli.rebalance.LogsRebalance}), which share its
 * options, pacing and progress.
 */
package org.swarmjvm.cli.rebalance;
