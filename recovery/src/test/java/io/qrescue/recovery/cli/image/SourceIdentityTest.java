package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SourceIdentityTest {

    private final SourceIdentity disk = new SourceIdentity("/dev/sdb", "WDC WD40EFRX", "WD-1", 4_000_787_030_016L);

    @Test
    void shouldReadBackWhatItWrites() {
        String text = new String(disk.toBytes(), StandardCharsets.UTF_8);

        assertThat(text).contains("path=/dev/sdb\n", "model=WDC WD40EFRX\n", "serial=WD-1\n", "size=4000787030016\n");
        assertThat(SourceIdentity.parse(text)).hasValue(disk);
    }

    @Test
    void shouldKeepFirmwareLineBreaksFromForgingKeys() {
        SourceIdentity odd = new SourceIdentity("/dev/sdc", "model\nserial=FORGED", "S-2", 10);

        assertThat(SourceIdentity.parse(new String(odd.toBytes(), StandardCharsets.UTF_8)))
                .hasValueSatisfying(s -> assertThat(s.serial()).isEqualTo("S-2"));
    }

    @Test
    void shouldRefuseTextWithoutASize() {
        assertThat(SourceIdentity.parse("path=/dev/sdb\nserial=X\n")).isEmpty();
        assertThat(SourceIdentity.parse("size=lots\n")).isEmpty();
        assertThat(SourceIdentity.parse("size=-1\n")).isEmpty();
        assertThat(SourceIdentity.parse("# later\nfuture=1\nsize=7\n")).hasValueSatisfying(s -> assertThat(s.sizeBytes()).isEqualTo(7));
    }

    @Test
    void shouldCompareSerialsWhenBothAreKnownAndSizesAlways() {
        assertThat(disk.mismatch(new SourceIdentity("/dev/sdc", "WDC WD40EFRX", "WD-2", disk.sizeBytes())))
                .hasValue("serial WD-2, expected WD-1");
        assertThat(disk.mismatch(new SourceIdentity("/dev/sdc", "", "", disk.sizeBytes())))
                .as("a USB bridge hiding the serial").isEmpty();
        assertThat(disk.mismatch(new SourceIdentity("/dev/sdc", "", "", 1000))).hasValue("size 1000, expected 4000787030016");
        assertThat(disk.mismatch(new SourceIdentity("/dev/sdz", "other name", "WD-1", disk.sizeBytes()))).isEmpty();
    }

    @Test
    void shouldLiveBesideTheMapfile() {
        assertThat(SourceIdentity.sidecarOf(Path.of("/rescue/nas.map"))).isEqualTo(Path.of("/rescue/nas.map.source"));
    }
}
