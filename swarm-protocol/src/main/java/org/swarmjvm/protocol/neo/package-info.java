/**
 * The neo protocol's wire pieces shared by nodes and clients: message header, authentication, credentials, client.
 */
package org.swarmjvm.protocol.neo;
