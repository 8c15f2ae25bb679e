package org.swarmjvm.node.testing.fuzz;

/**
 * One valid request as its bytes on the wire, with the offsets of its 8-byte array length prefixes, so that a
 * mutation can aim at them.
 *
 * @param name          of the command, for reports.
 * @param bytes         the whole request, command code first.
 * @param lengthOffsets where the length prefixes of its arrays start.
 * @param streamStart   where a stream the client sends after the node's first answer starts (the records of a
 *                      queue Produce), or the length of the request when there is none: damage past it comes
 *                      after that answer.
 */
public record FuzzFrame(String name, byte[] bytes, int[] lengthOffsets, int streamStart)
{
    /**
     * A request without a stream.
     *
     * @param name          of the command, for reports.
     * @param bytes         the whole request, command code first.
     * @param lengthOffsets where the length prefixes of its arrays start.
     */
    public FuzzFrame(final String name, final byte[] bytes, final int[] lengthOffsets)
    {
        this(name, bytes, lengthOffsets, bytes.length);
    }
}
