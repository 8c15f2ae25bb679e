/**
 * One request handler per queue command.
 */
package org.swarmjvm.queue.node.request;
