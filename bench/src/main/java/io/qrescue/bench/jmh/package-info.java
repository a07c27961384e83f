/**
 * JMH micro-benchmarks. Build with {@code mvn -DskipTests install} at the root, run with
 * {@code java -jar bench/target/benchmarks.jar [JMH options]}.
 */
package io.qrescue.bench.jmh;
