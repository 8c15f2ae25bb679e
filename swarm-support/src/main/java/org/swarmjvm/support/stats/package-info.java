/**
 * The {@code stats.log} line layout the nodes and dht-dump write.
 */
package org.swarmjvm.support.stats;
