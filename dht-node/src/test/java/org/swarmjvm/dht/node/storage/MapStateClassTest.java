package org.swarmjvm.dht.node.storage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MapStateClassTest
{
    @Test
    void aChannelUsesTheMapStateClassTheBuildCompiled()
        throws ClassNotFoundException
    {
        try (DhtChannel channel = new DhtChannel("state-class", 16, 8))
        {
            channel.exists(1);
        }
        // Compiled at run time, the class would have no code source; from the build, it sits beside the node's.
        final Class<?> state = Class.forName("net.openhft.chronicle.hash.VanillaGlobalMutableState$$Native", false,
            DhtChannel.class.getClassLoader());
        assertEquals(DhtChannel.class.getProtectionDomain().getCodeSource().getLocation(),
            null == state.getProtectionDomain().getCodeSource() ? null :
                state.getProtectionDomain().getCodeSource().getLocation());
    }
}
