/**
 * DHT storage: one Chronicle Map per channel, the node's hash range and size limit.
 */
package org.swarmjvm.dht.node.storage;
