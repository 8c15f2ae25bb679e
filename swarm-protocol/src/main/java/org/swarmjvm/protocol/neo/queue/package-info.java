/**
 * The queue node's neo requests: codes, versions, status and message types, and the client's request methods.
 */
package org.swarmjvm.protocol.neo.queue;
