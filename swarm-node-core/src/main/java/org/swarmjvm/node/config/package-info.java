/**
 * Reading the original nodes' {@code config.ini} files.
 */
package org.swarmjvm.node.config;
