/**
 * The logfiles node's settings, read from a config file in the original dlsnode's format.
 */
package org.swarmjvm.logfiles.node.config;
