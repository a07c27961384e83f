package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RescueOptionsTest {

    @Test
    void shouldUseDdrescueDefaults() {
        RescueOptions o = RescueOptions.defaults();
        assertThat(o.sectorSize()).isEqualTo(512);
        assertThat(o.clusterSectors()).isEqualTo(128);
        assertThat(o.clusterBytes()).isEqualTo(65536);
        assertThat(o.copyPasses().isAll()).isTrue();
        assertThat(o.maxRetries()).isZero();
        assertThat(o.delaySlowSeconds()).isEqualTo(30);
        assertThat(o.mapfileSyncIntervalSeconds()).isEqualTo(300);
        assertThat(RescueOptions.builder().sectorSize(4096).build().clusterSectors()).isEqualTo(16);
    }

    @Test
    void shouldDefaultTheOutputPositionToTheInputPosition() {
        assertThat(RescueOptions.builder().inputPosition(4096).build().outputOffset()).isZero();
        assertThat(RescueOptions.builder().inputPosition(4096).outputPosition(0).build().outputOffset()).isEqualTo(-4096);
    }

    @Test
    void shouldReduceAHugeClusterToFitAnInt() {
        RescueOptions o = RescueOptions.builder().sectorSize(4096).clusterSectors(Integer.MAX_VALUE).build();
        assertThat(o.clusterSectors()).isEqualTo(Integer.MAX_VALUE / 4096 - 1);
    }

    @Test
    void shouldRejectWhatDdrescueRejects() {
        assertThatThrownBy(() -> RescueOptions.builder().mode(OperationMode.FILL).build())
                .hasMessage("fill mode needs the block statuses to fill");
        assertThatThrownBy(() -> RescueOptions.builder().skipSize(1000).build())
                .hasMessage("Initial skip size must be 0 or >= 64KiB");
        assertThatThrownBy(() -> RescueOptions.builder().skipSize(1 << 20).maxSkipSize(65536).build())
                .hasMessage("Initial skip size must be <= max skip size");
        assertThatThrownBy(() -> RescueOptions.builder().mapfileIntervals(30, 4).build())
                .hasMessage("Sync interval must be >= 5 seconds");
        assertThatThrownBy(() -> RescueOptions.builder().mapfileIntervals(30, 10).build())
                .hasMessage("Save interval must be <= sync interval");
        assertThatThrownBy(() -> RescueOptions.builder().sectorSize(0).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldParseCopyPasses() {
        assertThat(CopyPasses.parse("1").bitset()).isEqualTo(0b00001);
        assertThat(CopyPasses.parse("1,3").bitset()).isEqualTo(0b00101);
        assertThat(CopyPasses.parse("2-5").bitset()).isEqualTo(0b11110);
        assertThat(CopyPasses.parse("1-2,5").bitset()).isEqualTo(0b10011);
        assertThat(CopyPasses.parse("1-5").isAll()).isTrue();
        assertThat(CopyPasses.parse("0")).isEqualTo(CopyPasses.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {",", "1,", "-1", "1-", "6", "1,6", "1-6", "3-2", "", "00"})
    void shouldRejectTheCopyPassListsDdrescueRejects(String text) {
        assertThatThrownBy(() -> CopyPasses.parse(text)).hasMessageStartingWith("Invalid pass or range of passes");
    }
}
