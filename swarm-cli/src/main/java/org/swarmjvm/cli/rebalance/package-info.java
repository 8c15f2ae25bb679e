/**
 * Rebalancing a DHT: the planner of the nodes' target ranges ({@link org.swarmjvm.cli.rebalance.RangeLayout}) and
 * the engine that moves them through Redistribute ({@link org.swarmjvm.cli.rebalance.Rebalance}), used by
 * {@code swarm dht rebalance} and by tests in-JVM.
 */
package org.swarmjvm.cli.rebalance;
