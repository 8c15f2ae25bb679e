/**
 * The DHT node's neo requests over the shared storage.
 */
package org.swarmjvm.dht.node.neo;
