package org.swarmjvm.protocol.neo.logfiles;

/**
 * Codes, versions, statuses and message types of the logfiles node's neo requests ({@code dlsproto}'s
 * {@code RequestCodes}, {@code Put.d} and {@code GetRange.d}).
 * <pre>
 * Put      (code 1, v1)  C: ARRAY(channel) | i64 timestamp | ARRAY(value)
 *                        N: 01 Put | 02 Error
 * GetRange (code 2, v2)  C: ARRAY(channel) | i64 low | i64 high | ARRAY(filter) | u8 filter_mode
 *                        N: 01 Started | 03 Error
 *                        N: 03 Records | u64 uncompressed length | ARRAY(LZO1X block)   C: 01 Continue | 02 Stop
 *                        N: 04 Stopped (after Stop) | 05 Finished (end of range)         C: 06 Ack (after Finished)
 * </pre>
 */
public final class LogfilesNeoRequest
{
    /** Request code of Put. */
    public static final int PUT = 1;
    /** The version of Put served. */
    public static final int PUT_VERSION = 1;
    /** Request code of GetRange. */
    public static final int GET_RANGE = 2;
    /** The version of GetRange served. */
    public static final int GET_RANGE_VERSION = 2;

    /** Put status: the record was stored. */
    public static final int PUT_OK = 1;
    /** Put status: the record was not stored. */
    public static final int PUT_ERROR = 2;

    /** GetRange status: records follow. */
    public static final int GET_RANGE_STARTED = 1;
    /** GetRange status: the request failed; it is over. */
    public static final int GET_RANGE_ERROR = 3;

    /** GetRange client message: send the next batch. */
    public static final int CONTINUE = 1;
    /** GetRange client message: stop. */
    public static final int STOP = 2;
    /** GetRange node message: a batch of records. */
    public static final int RECORDS = 3;
    /** GetRange node message: stopped as asked; the request is over. */
    public static final int STOPPED = 4;
    /** GetRange node message: the range is exhausted; the client answers {@link #ACK}. */
    public static final int FINISHED = 5;
    /** GetRange client message: acknowledges {@link #FINISHED}; the request is over. */
    public static final int ACK = 6;

    /** GetRange filter mode: no filter (the filter string must then be empty). */
    public static final int FILTER_NONE = 0;
    /** GetRange filter mode: the value contains the filter bytes. */
    public static final int FILTER_STRING_MATCH = 1;
    /** GetRange filter mode: a regular expression matches somewhere in the value. */
    public static final int FILTER_PCRE = 2;
    /** GetRange filter mode: a regular expression matches somewhere in the value, ignoring ASCII case. */
    public static final int FILTER_PCRE_CASE_INSENSITIVE = 3;

    /** A Records batch is sent once its uncompressed length reaches this many bytes. */
    public static final int BATCH_THRESHOLD = 100_000;

    private LogfilesNeoRequest()
    {
    }
}
