/**
 * The queue node's settings, read from the original dmqnode's config.ini keys.
 */
package org.swarmjvm.queue.node.config;
