/**
 * ddrescue's log files as {@link io.qrescue.imager.rescue.RescueListener}s: the reads log ({@code --log-reads})
 * and the events log ({@code --log-events}), byte for byte in ddrescue 1.27's format (spec 2.14).
 */
package io.qrescue.imager.rescue.log;
