/**
 * Logfiles requests on the wire: the decoders a node reads them with and the encoder clients write them with.
 * Request shapes the logfiles protocol shares with the DHT (a lone channel; a channel and one more array; Put)
 * are decoded by the protocol-generic decoders of {@code org.swarmjvm.protocol.dht.codec}; only the shapes of
 * its own (the GetRange family, Redistribute) have decoders here.
 */
package org.swarmjvm.protocol.logfiles.codec;
