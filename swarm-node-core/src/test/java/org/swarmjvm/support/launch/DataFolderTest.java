package org.swarmjvm.support.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmjvm.node.testing.Tmpfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataFolderTest
{
    @TempDir
    Path work;

    @Test
    void shouldLetOneHolderPerProgramClaimAFolderAndNameItToTheNext() throws IOException
    {
        final Path folder = work.resolve("data");
        try (DataFolder node = DataFolder.claim(folder, "dht-node");
            DataFolder dump = DataFolder.claim(folder, "dht-dump"))
        {
            assertEquals(ProcessHandle.current().pid() + " dht-node\n", Files.readString(node.lockFile()));
            assertEquals(folder.resolve("dht-dump.lock"), dump.lockFile());
            final DataFolder.UnusableException refused = assertThrows(DataFolder.UnusableException.class,
                () -> DataFolder.claim(folder, "dht-node"));
            assertEquals("data folder " + folder + " is in use by dht-node pid " + ProcessHandle.current().pid() +
                " (it holds " + folder.resolve("dht-node.lock") + ")", refused.getMessage());
        }
        try (DataFolder again = DataFolder.claim(folder, "dht-node"))
        {
            assertTrue(DataFolder.isLockFile(again.lockFile().getFileName().toString()));
        }
    }

    @Test
    void shouldRefuseAFolderInWhichNoFileCanBeCreated() throws IOException
    {
        try (Tmpfs disk = Tmpfs.mount(work.resolve("disk"), "1m", "a read-only data folder"))
        {
            final Path folder = Files.createDirectories(disk.path().resolve("data"));
            disk.readOnly();
            final DataFolder.UnusableException refused = assertThrows(DataFolder.UnusableException.class,
                () -> DataFolder.claim(folder, "queue-node"));
            assertTrue(refused.getMessage().startsWith("data folder " + folder + " is not writable: "),
                refused.getMessage());
            assertThrows(DataFolder.UnusableException.class,
                () -> DataFolder.claim(folder.resolve("new"), "queue-node"));
        }
    }
}
