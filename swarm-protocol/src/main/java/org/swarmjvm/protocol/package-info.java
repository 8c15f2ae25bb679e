/**
 * What every legacy swarm protocol shares: status codes and the protocol-violation exception.
 */
package org.swarmjvm.protocol;
