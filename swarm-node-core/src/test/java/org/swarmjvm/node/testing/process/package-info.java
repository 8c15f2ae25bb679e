/**
 * Separate JVM processes for tests: a node for crash recovery (start on a free port, kill -9, SIGTERM, restart), and
 * idle connections held outside the test's JVM for overload tests.
 */
package org.swarmjvm.node.testing.process;
