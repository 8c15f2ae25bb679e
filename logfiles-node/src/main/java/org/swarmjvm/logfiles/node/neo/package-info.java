/**
 * The logfiles node's neo requests, Put and GetRange, over the storage the legacy requests use.
 */
package org.swarmjvm.logfiles.node.neo;
