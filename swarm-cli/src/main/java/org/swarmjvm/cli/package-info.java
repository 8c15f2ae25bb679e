/**
 * The {@code swarm} command-line client: talks to running nodes over the legacy protocol.
 */
package org.swarmjvm.cli;
