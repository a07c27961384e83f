package io.qrescue.recovery.cli.image;

import io.qrescue.imager.rescue.RescueStats;

/**
 * ddrescue's remaining-time estimate: the bytes still to read divided by the average of the last 30 current
 * rates shown (ddrescue: the Sliding_average in show_status). The average restarts with every pass, so the first
 * screen of a pass says "n/a". Feed it every status update, in order.
 */
final class RemainingTime {

    private static final int TERMS = 30;
    /** ddrescue's ceiling for the estimate (the largest value its time format is meant to show). */
    private static final long MAX_SECONDS = 315_359_999_968_464_000L;

    private final boolean countBadSectors;
    private final long[] terms = new long[TERMS];
    private int count;                  // terms held, at most TERMS
    private int next;                   // slot of the next term once full

    /** @param countBadSectors true if retry passes will read the bad sectors again (-r not 0) */
    RemainingTime(boolean countBadSectors) {
        this.countBadSectors = countBadSectors;
    }

    /**
     * Takes one status update and returns the estimate in seconds, or -1 if there is none.
     *
     * @param passStart true for the first update of a pass (the average restarts)
     */
    long update(RescueStats stats, boolean passStart) {
        if (passStart) {
            count = 0;
            next = 0;
        } else {
            terms[next] = stats.currentRate();
            next = (next + 1) % TERMS;
            count = Math.min(count + 1, TERMS);
        }
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += terms[i];
        }
        long rate = count == 0 ? 0 : sum / count;
        if (rate <= 0) {
            return -1;
        }
        long left = stats.nonTried() + stats.nonTrimmed() + stats.nonScraped()
                + (countBadSectors ? stats.badSector() : 0);
        return Math.min(MAX_SECONDS, (left + rate - 1) / rate);
    }
}
