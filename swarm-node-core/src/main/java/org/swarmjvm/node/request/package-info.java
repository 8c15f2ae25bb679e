/**
 * The request-handler contract: one preallocated handler per command and connection, decoded in place and run as a
 * small resumable state machine.
 */
package org.swarmjvm.node.request;
