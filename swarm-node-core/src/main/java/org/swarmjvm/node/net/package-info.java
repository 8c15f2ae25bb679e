/**
 * The network side: one selector thread accepts connections, reads requests and writes replies for every
 * connection, each of which is a pooled slot with its own buffers and handlers.
 */
package org.swarmjvm.node.net;
