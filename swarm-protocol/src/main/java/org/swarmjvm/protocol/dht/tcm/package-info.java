/**
 * The {@code .tcm} dump file of the DHT node: its layout, a buffered writer that replaces a channel's file
 * atomically, and a bounds-checked reader.
 */
package org.swarmjvm.protocol.dht.tcm;
