package org.swarmjvm.queue.node.storage;

import java.lang.System.Logger.Level;

/**
 * The node's log of pushes refused because the disk could not hold a ring's pages or a record of the disk
 * overflow: one WARNING line when the first is refused, one INFO line with their count once a ring's pages or the
 * overflow's room are backed again, nothing per push. Poller thread only.
 */
final class DiskFullOutage
{
    private static final System.Logger LOG = System.getLogger(DiskFullOutage.class.getName());

    private long refused;

    /**
     * A push was refused.
     *
     * @param storage the storage that could not take it.
     * @param cause   why, with the file.
     */
    void refused(final String storage, final String cause)
    {
        if (0 == refused++)
        {
            LOG.log(Level.WARNING, "Push to '" + storage + "' refused: " + cause + "; pushes that need ring pages " +
                "not yet on disk or room in the disk overflow are refused (legacy 407, neo Error) until the disk " +
                "has room, the records stored stay and are served");
        }
    }

    /**
     * A ring's pages were backed: the disk has room.
     *
     * @param storage whose pages.
     */
    void backed(final String storage)
    {
        if (refused > 0)
        {
            roomAgain("Ring pages of '" + storage + "' are on disk again");
        }
    }

    /**
     * The disk overflow made room for a record of a storage: the disk has room.
     *
     * @param storage whose record.
     */
    void overflowBacked(final String storage)
    {
        if (refused > 0)
        {
            roomAgain("The disk overflow took a record of '" + storage + "' again");
        }
    }

    private void roomAgain(final String what)
    {
        LOG.log(Level.INFO, what + ": the disk has room; " + refused + " pushes were refused while it had none");
        refused = 0;
    }
}
