/**
 * Queue requests on the wire: the decoders a node reads them with (one per request shape) and the encoder clients
 * write them with (one method per command).
 */
package org.swarmjvm.protocol.queue.codec;
