package org.swarmjvm.cli;

/**
 * Options (a mixin) that check their own values: {@link NodeCommand} calls {@link #check()} on each before it
 * connects, so a bad value fails without touching the network.
 */
public interface CheckedOptions
{
    /**
     * @throws CliException (usage) when a value is bad.
     */
    void check();
}
