package org.swarmjvm.queue.node.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageNameTest
{
    @ParameterizedTest
    @ValueSource(strings = {"helloworld", "hello_world", "hello@world", "@world", "_world", "hello_4711@world"})
    void shouldAcceptNameWhenTheOriginalDoes(final String name)
    {
        assertTrue(StorageName.isValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello.world", "hello:world", "hello@wor@ld", "@hello@world", "hello@", "@", ""})
    void shouldRejectNameWhenTheOriginalDoes(final String name)
    {
        assertFalse(StorageName.isValid(name));
    }
}
