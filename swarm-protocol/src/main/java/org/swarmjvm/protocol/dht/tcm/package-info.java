/**
 * The {@code .tcm} dump file of the DHT node: its layout, a buffered writer that replaces a channel's file
 * atomically, a bounds-checked reader, and the dump folder shared by the node and dht-dump.
 */
package org.swarmjvm.protocol.dht.tcm;
