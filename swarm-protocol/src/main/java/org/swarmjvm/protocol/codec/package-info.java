/**
 * Framing primitives shared by all legacy swarm protocols: length-prefixed arrays, channel names, and the
 * request scanner nodes use to decode requests straight from a connection's read buffer.
 */
package org.swarmjvm.protocol.codec;
