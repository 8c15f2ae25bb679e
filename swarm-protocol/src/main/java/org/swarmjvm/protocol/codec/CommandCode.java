package org.swarmjvm.protocol.codec;

/**
 * A command of a legacy protocol, as its enum ({@code DhtCommand}, {@code QueueCommand}, {@code LogfilesCommand})
 * holds it: the code that travels as an i32 before the request's fields.
 */
public interface CommandCode
{
    /**
     * @return the i32 command code.
     */
    int code();
}
