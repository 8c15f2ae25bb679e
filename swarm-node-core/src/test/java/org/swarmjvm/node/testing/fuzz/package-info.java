/**
 * Protocol fuzzing for any node: a seeded mutator of valid frames, and a driver that runs fuzzing connections
 * beside well-behaved clients and checks what the node answers. Each protocol supplies its frame generator and
 * reply checker.
 */
package org.swarmjvm.node.testing.fuzz;
