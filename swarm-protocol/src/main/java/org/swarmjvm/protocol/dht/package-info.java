/**
 * The legacy DHT protocol's vocabulary: command codes, keys as hex, hash ranges.
 */
package org.swarmjvm.protocol.dht;
