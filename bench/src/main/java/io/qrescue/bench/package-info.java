/** Benchmarks: JMH micro-benchmarks and end-to-end harnesses. Nothing depends on this module. */
package io.qrescue.bench;
