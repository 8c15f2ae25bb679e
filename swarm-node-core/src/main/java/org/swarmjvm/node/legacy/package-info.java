/**
 * The legacy protocol of swarm: pooled connection slots that decode one request after another in place from their
 * read buffer and hand each to the engine's {@link org.swarmjvm.node.request.RequestHandler}.
 */
package org.swarmjvm.node.legacy;
