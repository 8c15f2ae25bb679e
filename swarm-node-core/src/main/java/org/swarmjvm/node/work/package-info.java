/**
 * Blocking work kept off the poller thread.
 */
package org.swarmjvm.node.work;
