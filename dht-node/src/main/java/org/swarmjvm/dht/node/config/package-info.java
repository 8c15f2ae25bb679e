/**
 * The DHT node's settings, read from the original dhtnode's config.ini keys.
 */
package org.swarmjvm.dht.node.config;
