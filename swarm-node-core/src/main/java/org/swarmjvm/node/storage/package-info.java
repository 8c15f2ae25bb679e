/**
 * What every engine's storage shares: channels by name, looked up straight from request bytes.
 */
package org.swarmjvm.node.storage;
