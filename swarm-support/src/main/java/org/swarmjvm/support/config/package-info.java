/**
 * Reading the original programs' {@code config.ini} files: the nodes' and dht-dump's.
 */
package org.swarmjvm.support.config;
