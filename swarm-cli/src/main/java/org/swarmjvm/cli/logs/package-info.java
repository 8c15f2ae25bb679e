/**
 * {@code swarm logs ...}: the logfiles commands (put, range, getall, channels, remove-channel), one legacy
 * logfiles client per node.
 */
package org.swarmjvm.cli.logs;
