/**
 * Read latencies of a rescue in HdrHistogram: {@link io.qrescue.imager.latency.LatencyRecorder} keeps one
 * histogram per phase (copying, trimming, scraping, retrying) and one for the whole run, gives
 * {@link io.qrescue.imager.latency.LatencySnapshot}s (p50, p99, max) to the progress displays, and cuts intervals
 * for an HdrHistogram interval log ({@link io.qrescue.imager.latency.LatencyLog}). Only for display and
 * analysis: the slow-read rules (-a, --max-slow-reads) stay rate based, as in ddrescue.
 */
package io.qrescue.imager.latency;
