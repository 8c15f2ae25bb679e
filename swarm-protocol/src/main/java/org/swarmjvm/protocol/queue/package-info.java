/**
 * The legacy queue (DMQ) protocol: command codes and the limits both sides apply.
 */
package org.swarmjvm.protocol.queue;
