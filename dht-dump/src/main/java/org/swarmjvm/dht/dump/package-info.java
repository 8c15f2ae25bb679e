/**
 * dht-dump: asks one DHT node for every channel over the legacy protocol and writes each to {@code <channel>.tcm}.
 */
package org.swarmjvm.dht.dump;
