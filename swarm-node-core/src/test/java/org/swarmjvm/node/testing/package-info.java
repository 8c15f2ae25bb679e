/**
 * Test support shipped in the core's test jar: a raw wire connection, a frame builder, log capture and polling.
 */
package org.swarmjvm.node.testing;
