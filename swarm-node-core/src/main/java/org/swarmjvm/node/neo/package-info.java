/**
 * The neo listener: version handshake, HMAC authentication, framing and request multiplexing on its own port.
 */
package org.swarmjvm.node.neo;
