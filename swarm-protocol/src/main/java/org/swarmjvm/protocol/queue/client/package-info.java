/**
 * A blocking client of the legacy queue protocol, routing requests over a list of nodes as the original client did.
 */
package org.swarmjvm.protocol.queue.client;
