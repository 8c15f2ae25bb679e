/**
 * The {@code swarm} command-line client: what every node kind's commands share (node options, keys, output, exit
 * codes, failure messages, progress); one sub-package per kind of node, such as {@code dht}.
 */
package org.swarmjvm.cli;
