package org.swarmjvm.protocol.codec;

import org.agrona.DirectBuffer;

/**
 * The channel names of a request that names several (queue PushMulti and ProduceMulti, neo Push), however its
 * protocol carries them: the engine's storage rules read the names through this, whichever protocol asked.
 */
public interface ChannelList
{
    /**
     * @return the buffer holding the names.
     */
    DirectBuffer buffer();

    /**
     * @return how many names the request carries.
     */
    int channelCount();

    /**
     * @param index of a name, from 0.
     * @return its offset in {@link #buffer()}.
     */
    int channelOffset(int index);

    /**
     * @param index of a name, from 0.
     * @return its length in bytes.
     */
    int channelLength(int index);
}
