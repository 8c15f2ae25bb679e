/**
 * The DHT's neo requests: codes, message types, record batches and the client's request methods.
 */
package org.swarmjvm.protocol.neo.dht;
