package org.swarmjvm.protocol.codec;

/**
 * Decodes the fields of one kind of request in place, from the bytes that follow its command code; reused for
 * every request of that kind on a connection, so decoding allocates nothing.
 */
public interface RequestDecoder
{
    /**
     * Decodes the request body that follows the command code; called again from the start of the body when more
     * bytes arrived after an {@link RequestScanner#INCOMPLETE} result.
     *
     * @param scanner wrapped over the received bytes.
     * @return a {@link RequestScanner} result: bytes taken, or what the connection must do.
     */
    int decode(RequestScanner scanner);
}
