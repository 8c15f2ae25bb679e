/**
 * A node run as a separate JVM process, for crash-recovery tests: start on a free port, kill -9, SIGTERM, restart.
 */
package org.swarmjvm.node.testing.process;
