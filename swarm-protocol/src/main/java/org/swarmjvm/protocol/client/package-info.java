/**
 * The blocking socket the legacy clients share: connection set-up, request framing and the reads of statuses,
 * numbers and arrays. Each client keeps only its protocol's encoder and its error rules.
 */
package org.swarmjvm.protocol.client;
