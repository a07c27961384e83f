package io.qrescue.recovery.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceHistoryTest {

    private static final long SIZE = 4_000_787_030_016L;
    private final SourceHistory.Source disk = new SourceHistory.Source("/dev/sdb", SourceHistory.Kind.DEVICE,
            "WDC WD40EFRX", "WD-1", SIZE);
    private final SourceHistory.Source mirror = new SourceHistory.Source("/dev/sdc", SourceHistory.Kind.DEVICE,
            "WDC WD40EFRX", "WD-2", SIZE);
    private final SourceHistory.Source image = new SourceHistory.Source("/rescue/copy.img", SourceHistory.Kind.FILE,
            "", "", 72776);

    @Test
    void shouldReadBackEverySourceItWrites() {
        SourceHistory history = new SourceHistory(List.of(disk, mirror, image));
        String text = new String(history.toBytes(), StandardCharsets.UTF_8);

        assertThat(text).contains("path=/dev/sdb\n", "kind=device\n", "model=WDC WD40EFRX\n", "serial=WD-1\n",
                "size=4000787030016\n", "kind=file\n");
        assertThat(SourceHistory.parse(text).sources()).containsExactly(disk, mirror, image);
    }

    @Test
    void shouldKeepFirmwareLineBreaksFromForgingKeys() {
        var odd = new SourceHistory.Source("/dev/sdc", SourceHistory.Kind.DEVICE, "model\nserial=FORGED", "S-2", 10);

        assertThat(SourceHistory.parse(new String(new SourceHistory(List.of(odd)).toBytes(), StandardCharsets.UTF_8))
                .sources()).singleElement().satisfies(s -> assertThat(s.serial()).isEqualTo("S-2"));
    }

    @Test
    void shouldSkipGroupsWithoutASizeAndIgnoreUnknownKeys() {
        assertThat(SourceHistory.parse("path=/dev/sdb\nserial=X\n").sources()).isEmpty();
        assertThat(SourceHistory.parse("size=lots\n").sources()).isEmpty();
        assertThat(SourceHistory.parse("size=-1\n").sources()).isEmpty();
        assertThat(SourceHistory.parse("# later\nfuture=1\nsize=7\n").sources()).singleElement()
                .satisfies(s -> assertThat(s.sizeBytes()).isEqualTo(7));
    }

    @Test
    void shouldKnowADiskByItsSerialUnderAnyNameAndAFileByItsPath() {
        SourceHistory history = new SourceHistory(List.of(disk, image));

        assertThat(history.check(new SourceHistory.Source("/dev/sdz", SourceHistory.Kind.DEVICE, "", "WD-1", SIZE),
                false, "in", "map")).isInstanceOf(SourceHistory.Known.class);
        assertThat(history.check(image, false, "in", "map")).isInstanceOf(SourceHistory.Known.class);
    }

    @Test
    void shouldAddAnotherCopyWithAWarning() {
        SourceHistory history = new SourceHistory(List.of(disk));

        assertThat(history.check(mirror, false, "/dev/sdc", "nas.map")).isInstanceOf(SourceHistory.Added.class);
        assertThat(history.check(image, false, "copy.img", "nas.map")).as("an image of any size")
                .isInstanceOf(SourceHistory.Added.class);
        assertThat(new SourceHistory(List.of(image)).check(disk, false, "/dev/sdb", "nas.map"))
                .as("a disk after files").isInstanceOf(SourceHistory.Added.class);
    }

    @Test
    void shouldRefuseOnlyADifferentDiskOfADifferentSizeUnlessAdded() {
        SourceHistory history = new SourceHistory(List.of(disk, mirror));
        var other = new SourceHistory.Source("/dev/sdd", SourceHistory.Kind.DEVICE, "ST2000", "ZA-9", SIZE / 2);

        assertThat(history.check(other, false, "/dev/sdd", "nas.map")).isInstanceOf(SourceHistory.Refused.class);
        assertThat(history.check(other, true, "/dev/sdd", "nas.map")).isInstanceOf(SourceHistory.Added.class);
        var grown = new SourceHistory.Source("/dev/sdd", SourceHistory.Kind.DEVICE, "", "WD-1", SIZE * 2);
        assertThat(history.check(grown, false, "/dev/sdd", "nas.map")).as("a recorded serial is never refused")
                .isInstanceOf(SourceHistory.Added.class);
    }

    @Test
    void shouldLiveBesideTheMapfile() {
        assertThat(SourceHistory.sidecarOf(Path.of("/rescue/nas.map"))).isEqualTo(Path.of("/rescue/nas.map.source"));
    }
}
