/**
 * {@code swarm queue ...}: the queue commands (push, pop, consume, remove-channel) on the legacy queue client.
 */
package org.swarmjvm.cli.queue;
