package org.swarmjvm.node.request;

/**
 * What a request handler reports after each step of work.
 */
public enum Progress
{
    /** The request is finished; the connection reads the next command. */
    DONE,
    /** More to write (a stream): call again as soon as the reply written so far has gone out. */
    MORE,
    /** Waiting for an event (a Listen notification, blocking work done elsewhere): call again when woken. */
    WAIT
}
