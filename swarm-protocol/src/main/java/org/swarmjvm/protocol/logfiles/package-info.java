/**
 * The legacy logfiles (DLS) protocol: command codes, filter modes and limits of the original dlsnode.
 */
package org.swarmjvm.protocol.logfiles;
