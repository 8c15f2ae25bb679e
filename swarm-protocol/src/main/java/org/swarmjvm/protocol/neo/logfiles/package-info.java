/**
 * The logfiles (DLS) node's neo requests: codes, statuses, message types, the GetRange record batch and a client.
 */
package org.swarmjvm.protocol.neo.logfiles;
