package org.swarmjvm.node.work;

import org.agrona.concurrent.IdleStrategy;

/**
 * How a thread off the request path waits when a duty cycle found nothing to do: it parks (until unparked, or
 * until its next deadline) instead of polling on a timer, which would wake it a thousand times a second for
 * nothing. Subclasses say in {@link #idle()} what they park for; a cycle that did work never waits, and there is
 * no back-off state to reset.
 */
public abstract class ParkingIdleStrategy implements IdleStrategy
{
    @Override
    public final void idle(final int workCount)
    {
        if (workCount <= 0)
        {
            idle();
        }
    }

    @Override
    public final void reset()
    {
    }
}
