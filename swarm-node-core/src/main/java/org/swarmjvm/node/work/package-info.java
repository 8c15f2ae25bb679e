/**
 * Blocking work and periodic work (the timers), kept off the poller thread.
 */
package org.swarmjvm.node.work;
