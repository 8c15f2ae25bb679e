/**
 * {@code swarm dht ...}: one class per DHT command, each a thin layer over the blocking {@code DhtClient}.
 */
package org.swarmjvm.cli.dht;
