/**
 * One handler per logfiles command. Handlers check the request on the poller thread and hand every disk access to
 * the node's blocking worker as a {@link org.swarmjvm.logfiles.node.request.DiskTask}.
 */
package org.swarmjvm.logfiles.node.request;
