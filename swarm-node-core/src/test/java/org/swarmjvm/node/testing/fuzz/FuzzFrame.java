package org.swarmjvm.node.testing.fuzz;

/**
 * One valid request as its bytes on the wire, with the offsets of its 8-byte array length prefixes, so that a
 * mutation can aim at them.
 *
 * @param name          of the command, for reports.
 * @param bytes         the whole request, command code first.
 * @param lengthOffsets where the length prefixes of its arrays start.
 */
public record FuzzFrame(String name, byte[] bytes, int[] lengthOffsets)
{
}
