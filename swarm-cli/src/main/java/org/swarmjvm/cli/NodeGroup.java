package org.swarmjvm.cli;

/**
 * A group of node commands ({@code dht}, {@code queue}, {@code logs}): it takes the node options before the
 * subcommand name, and its subcommands use them when they are not given again after it.
 */
public interface NodeGroup
{
    /**
     * @return the node options given to the group.
     */
    NodeOptions nodes();
}
