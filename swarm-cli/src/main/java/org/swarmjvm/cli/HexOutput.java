package org.swarmjvm.cli;

/**
 * Options (a mixin) that say whether values print as hex: {@link NodeCommand} builds its {@link Output} so.
 */
public interface HexOutput
{
    /**
     * @return whether values print as hex digits.
     */
    boolean hex();
}
