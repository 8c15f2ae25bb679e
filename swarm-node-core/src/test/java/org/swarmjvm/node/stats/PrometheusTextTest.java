package org.swarmjvm.node.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrometheusTextTest
{
    @Test
    void shouldWriteFamilyAndSamplesWhenGivenLabels()
    {
        final String text = new PrometheusText()
            .family("swarm_x_total", PrometheusText.Type.COUNTER, "A count.\nSecond line \\ here.")
            .sample("swarm_x_total", 3)
            .sample("swarm_x_total", "command", "Put", 1.5)
            .sample("swarm_x_total", "a", "q\"uote\\", "b", "line\nbreak", Double.NaN)
            .sample("swarm_x_total", Double.POSITIVE_INFINITY)
            .toString();
        assertEquals("# HELP swarm_x_total A count.\\nSecond line \\\\ here.\n" +
            "# TYPE swarm_x_total counter\n" +
            "swarm_x_total 3\n" +
            "swarm_x_total{command=\"Put\"} 1.5\n" +
            "swarm_x_total{a=\"q\\\"uote\\\\\",b=\"line\\nbreak\"} NaN\n" +
            "swarm_x_total +Inf\n", text);
    }
}
