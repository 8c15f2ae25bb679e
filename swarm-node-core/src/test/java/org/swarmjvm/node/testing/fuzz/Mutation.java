package org.swarmjvm.node.testing.fuzz;

/**
 * What the fuzzer does to the last frame of a fuzzing connection, and what the node must then do.
 */
public enum Mutation
{
    /** The frame is sent as generated: the node answers it and keeps the connection. */
    NONE(false),
    /** One to eight random bytes get random values: any answer with a status of the protocol, or a close. */
    FLIP_BYTES(false),
    /** The frame stops at a random point: the node waits for the rest and closes when the client hangs up. */
    TRUNCATE(false),
    /** An array length prefix declares 2^32 to 2^62 bytes: the node closes the connection without waiting. */
    HUGE_LENGTH(true),
    /** An array length prefix has its top bit set (negative as a signed value): the node closes at once. */
    NEGATIVE_LENGTH(true),
    /** The command code is none of the protocol's: the node closes at once. */
    UNKNOWN_CODE(true),
    /** Random bytes after a valid command code: any answer with a status of the protocol, or a close. */
    GARBAGE(false),
    /** The client resets the connection (RST) in the middle of the frame: the node frees the slot. */
    DISCONNECT(false);

    private final boolean closesConnection;

    Mutation(final boolean closesConnection)
    {
        this.closesConnection = closesConnection;
    }

    /**
     * @return true when the node must close the connection on its own, before the client hangs up.
     */
    public boolean closesConnection()
    {
        return closesConnection;
    }
}
