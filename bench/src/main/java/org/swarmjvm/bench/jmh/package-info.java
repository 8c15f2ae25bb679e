/**
 * JMH micro-benchmarks of the hot paths, one class per subject and operation, each extending
 * {@link org.swarmjvm.bench.jmh.BenchmarkSettings} for explicit fork (with the JVM flags Agrona and Chronicle Map
 * need: forks do not read the jar manifest), warm-up and measurement settings that together make the short profile
 * (under five minutes on two cores). Run them from
 * {@code bench/target/benchmarks.jar}; {@code scripts/bench} does and puts the results in docs/PERFORMANCE.md.
 * <p>
 * Room for the other nodes: the queue node's ring push/pop and the logfiles node's bucket append/scan get their
 * {@code RingPushBenchmark}, {@code RingPopBenchmark}, {@code BucketAppendBenchmark} and
 * {@code BucketScanBenchmark} here once those nodes exist; the table lists them as not measured until then.
 */
package org.swarmjvm.bench.jmh;
