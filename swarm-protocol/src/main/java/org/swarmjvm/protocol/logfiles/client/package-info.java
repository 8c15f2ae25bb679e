/**
 * A blocking legacy logfiles client over one TCP connection, as used by tests and tools.
 */
package org.swarmjvm.protocol.logfiles.client;
