/**
 * Tests of the node core through real sockets, with a trivial engine.
 */
package org.swarmjvm.node;
