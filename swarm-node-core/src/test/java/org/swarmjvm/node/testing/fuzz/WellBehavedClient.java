package org.swarmjvm.node.testing.fuzz;

/**
 * A client that uses the node as the spec says while fuzzing goes on beside it, and checks every answer against
 * what it wrote before. One thread calls it.
 */
public interface WellBehavedClient extends AutoCloseable
{
    /**
     * Makes one request and checks its answer.
     *
     * @throws AssertionError when the answer is not what this client's earlier requests imply.
     */
    void step();

    /**
     * Reads back everything this client holds on the node and compares it with what it wrote.
     *
     * @return how many records were checked.
     * @throws AssertionError on any difference.
     */
    long verifyAll();

    @Override
    void close();
}
