package io.qrescue.mapfile;

import static io.qrescue.mapfile.MapfileSavePolicy.Action.NONE;
import static io.qrescue.mapfile.MapfileSavePolicy.Action.SAVE;
import static io.qrescue.mapfile.MapfileSavePolicy.Action.SYNC_SAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MapfileSavePolicyTest {

    private static final long T0 = 1_795_000_000L;

    @ParameterizedTest
    @CsvSource({"0, 30", "37, 30", "38, 31", "3800, 130", "10259, 299", "10260, 300", "1000000, 300"})
    void shouldComputeTheAutomaticSaveIntervalLikeDdrescue(long blocks, long seconds) {
        assertThat(MapfileSavePolicy.ddrescueDefaults().saveIntervalSeconds(blocks)).isEqualTo(seconds);
    }

    @Test
    void shouldUseAConfiguredSaveInterval() {
        assertThat(new MapfileSavePolicy(10, 60).saveIntervalSeconds(1_000_000)).isEqualTo(10);
        assertThat(MapfileSavePolicy.ddrescueDefaults().syncIntervalSeconds()).isEqualTo(300);
    }

    @Test
    void shouldRejectWhatDdrescueRejects() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MapfileSavePolicy(-1, 4))
                .withMessage("Sync interval must be >= 5 seconds");
        assertThatIllegalArgumentException().isThrownBy(() -> new MapfileSavePolicy(61, 60))
                .withMessage("Save interval must be <= sync interval");
        assertThatIllegalArgumentException().isThrownBy(() -> new MapfileSavePolicy(-2, 60));
    }

    @Test
    void shouldOnlyStartTheTimersOnTheFirstUpdate() {
        MapfileSavePolicy policy = new MapfileSavePolicy(10, 20);

        assertThat(policy.decide(T0, 100, false)).isEqualTo(NONE);
        assertThat(policy.decide(T0 + 9, 100, false)).isEqualTo(NONE);
        assertThat(policy.decide(T0 + 10, 100, false)).isEqualTo(SAVE);
    }

    @Test
    void shouldSaveAtEveryUpdateWithIntervalZero() {
        MapfileSavePolicy policy = new MapfileSavePolicy(0, 5);

        assertThat(policy.decide(T0, 1, false)).isEqualTo(SAVE);
        policy.recordSave(T0, false);
        assertThat(policy.decide(T0, 1, false)).isEqualTo(SAVE);
    }

    @Test
    void shouldCountIntervalsFromTheEndOfTheLastSave() {
        MapfileSavePolicy policy = new MapfileSavePolicy(30, 300);
        policy.decide(T0, 1, false);
        assertThat(policy.decide(T0 + 30, 1, false)).isEqualTo(SAVE);
        policy.recordSave(T0 + 35, false); // the write took 5 s

        assertThat(policy.decide(T0 + 64, 1, false)).isEqualTo(NONE);
        assertThat(policy.decide(T0 + 65, 1, false)).isEqualTo(SAVE);
    }

    @Test
    void shouldSyncWhenTheSyncIntervalHasPassedOrWhenForced() {
        MapfileSavePolicy policy = new MapfileSavePolicy(10, 25);
        policy.decide(T0, 1, false);

        assertThat(policy.decide(T0 + 10, 1, false)).isEqualTo(SAVE);
        policy.recordSave(T0 + 10, false);
        assertThat(policy.decide(T0 + 20, 1, false)).isEqualTo(SAVE);
        policy.recordSave(T0 + 20, false);
        assertThat(policy.decide(T0 + 30, 1, false)).as("25 s since the timers started").isEqualTo(SYNC_SAVE);
        policy.recordSave(T0 + 30, true);
        assertThat(policy.decide(T0 + 40, 1, false)).isEqualTo(SAVE);
        policy.recordSave(T0 + 40, false);
        assertThat(policy.decide(T0 + 41, 1, true)).as("forced").isEqualTo(SYNC_SAVE);
    }

    @Test
    void shouldRotateTheBackupOnlyAfterASyncSave() {
        MapfileSavePolicy policy = new MapfileSavePolicy(10, 20);
        assertThat(policy.rotateBackup()).isFalse();

        policy.recordSave(T0, true);
        assertThat(policy.rotateBackup()).isTrue();
        policy.recordSave(T0 + 10, false);
        assertThat(policy.rotateBackup()).isFalse();
    }

    @Test
    void shouldAskAgainAfterAFailedSave() {
        MapfileSavePolicy policy = new MapfileSavePolicy(10, 20);
        policy.decide(T0, 1, false);

        assertThat(policy.decide(T0 + 10, 1, false)).isEqualTo(SAVE);
        // nothing recorded: the save failed
        assertThat(policy.decide(T0 + 11, 1, false)).isEqualTo(SAVE);
    }

    @Test
    void shouldRestartTheTimersWhenTheClockGoesBackwards() {
        MapfileSavePolicy policy = new MapfileSavePolicy(10, 20);
        policy.decide(T0, 1, false);
        policy.recordSave(T0 + 10, false);

        assertThat(policy.decide(T0 - 100, 1, false)).isEqualTo(NONE);
        assertThat(policy.decide(T0 - 91, 1, false)).isEqualTo(NONE);
        assertThat(policy.decide(T0 - 90, 1, false)).isEqualTo(SAVE);
        assertThat(policy.decide(T0 - 80, 1, false)).as("sync timer restarted too").isEqualTo(SYNC_SAVE);
    }
}
