/**
 * The embeddable node core: launch a {@link org.swarmjvm.node.NodeServer} with a {@link org.swarmjvm.node.NodeContext}
 * and a {@link org.swarmjvm.node.NodeEngine} that answers the requests.
 */
package org.swarmjvm.node;
