/**
 * The rescue report: a plain model ({@link io.qrescue.recovery.report.RescueReport} and its records) that the
 * pipeline fills from its analysis, rendered as one self-contained HTML page (inline CSS, the map picture as a
 * data: URI PNG, no scripts, every user string escaped) and as JSON with the same content, both written
 * atomically by {@link io.qrescue.recovery.report.ReportWriter}.
 */
package io.qrescue.recovery.report;
