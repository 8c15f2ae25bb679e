/**
 * JMH micro-benchmarks of the hot paths, one class per subject and operation, each extending
 * {@link org.swarmjvm.bench.jmh.BenchmarkSettings} for explicit fork (with the JVM flags Agrona and Chronicle Map
 * need: forks do not read the jar manifest), warm-up and measurement settings that together make the short profile
 * (under five minutes on two cores). Run them from
 * {@code bench/target/benchmarks.jar}; {@code scripts/bench} does and puts the results in docs/PERFORMANCE.md.
 * <p>
 * DHT: request codecs, the Chronicle Map channel's Put and Get, record batches. Queue: the memory ring's push
 * ({@code RingPushBenchmark}) and push with pop ({@code RingPushPopBenchmark}). Logfiles: the bucket writer's
 * append ({@code BucketAppendBenchmark}) and the bucket reader's scan ({@code BucketScanBenchmark}).
 */
package org.swarmjvm.bench.jmh;
