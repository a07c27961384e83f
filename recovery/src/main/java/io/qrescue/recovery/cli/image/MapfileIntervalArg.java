package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.cli.gnu.UsageException;

/**
 * How often the mapfile is saved and how often a save is also synced to disk
 * ({@code --mapfile-interval=[SAVE][,SYNC]}, spec 1.8).
 *
 * @param saveSeconds {@link #AUTO} (30 s to 5 min depending on the map's size) or a whole number of seconds,
 *                    0 meaning after every read; never more than {@code syncSeconds}
 * @param syncSeconds at least 5
 */
public record MapfileIntervalArg(int saveSeconds, int syncSeconds) {

    public static final int AUTO = -1;
    public static final int MIN_SYNC_SECONDS = 5;

    public static final MapfileIntervalArg DEFAULT = new MapfileIntervalArg(AUTO, 300);

    public boolean saveIsAuto() {
        return saveSeconds == AUTO;
    }

    /**
     * Applies one {@code --mapfile-interval} argument to the intervals in effect so far; a part left out keeps
     * its earlier value and the rules are checked against the combination.
     */
    static MapfileIntervalArg parse(String arg, String optionName, MapfileIntervalArg previous) throws UsageException {
        int comma = arg.indexOf(',');
        int save = previous.saveSeconds;
        int sync = previous.syncSeconds;
        if (comma != 0) {
            // "-1" is the one negative value: back to automatic
            if (arg.equals("-1") || arg.startsWith("-1,")) {
                save = AUTO;
            } else {
                save = TimeIntervalArg.parseWholeSeconds(arg, optionName, true);
            }
        }
        if (comma >= 0) {
            sync = TimeIntervalArg.parseWholeSeconds(arg.substring(comma + 1), optionName, false);
        }
        if (sync < MIN_SYNC_SECONDS) {
            throw OptionErrors.badArgument(arg, "Sync interval must be >= 5 seconds in", optionName);
        }
        if (save > sync) {
            throw OptionErrors.badArgument(arg, "Save interval must be <= sync interval in", optionName);
        }
        return new MapfileIntervalArg(save, sync);
    }
}
