package io.qrescue.imager.rescue;

import io.qrescue.mapfile.RunStatus;

/**
 * A phase or pass issued its first read (a pass that reads nothing leaves no trace, as in ddrescue).
 *
 * @param runStatus      copying, trimming, scraping or retrying
 * @param pass           pass number saved in the mapfile
 * @param message        ddrescue's message, e.g. "Copying non-tried blocks... Pass 2 (backwards)"
 * @param elapsedSeconds run time so far
 * @param finished       bytes rescued in the domain
 * @param domainSize     bytes in the domain
 */
public record PhaseEvent(RunStatus runStatus, int pass, String message, long elapsedSeconds, long finished,
        long domainSize) {

    /** Percentage rescued as ddrescue logs it (" 90.79%"). */
    public String percentRescued() {
        return io.qrescue.mapfile.HumanNumbers.formatPercentage(finished, domainSize, 3, 2, false);
    }
}
