/**
 * A blocking client of the legacy DHT protocol: nodes file, handshake, routing of keys to nodes by hash range,
 * pooled connections, and one method per command.
 */
package org.swarmjvm.protocol.dht.client;
