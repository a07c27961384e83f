/**
 * The job protocol between the host and the appliance: the host writes a job (run.sh plus input files) as a tar
 * onto a read-only disk with serial QJOB, the appliance runs it with QRES (results: exit status, log, small
 * files) and optionally QOUT (a raw output disk) attached, prints an exit marker carrying a per-run nonce on its
 * console and powers off; the host then unpacks the results. {@link io.qrescue.recovery.vm.job.JobRunner} does
 * one such run with timeouts on boot and job.
 */
package io.qrescue.recovery.vm.job;
