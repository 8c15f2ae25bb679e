/**
 * One handler per legacy DHT command: each decodes its request, answers the statuses of the spec in the
 * original's order, and asks the storage the rest.
 */
package org.swarmjvm.dht.node.request;
