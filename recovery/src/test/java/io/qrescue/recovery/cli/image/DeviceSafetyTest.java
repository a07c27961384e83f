package io.qrescue.recovery.cli.image;

import static io.qrescue.recovery.testing.FakeDeviceCatalog.disk;
import static io.qrescue.recovery.testing.FakeDeviceCatalog.mounted;
import static io.qrescue.recovery.testing.FakeDeviceCatalog.withFilesystem;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.recovery.cli.gnu.UsageException;
import io.qrescue.recovery.testing.FakeDeviceCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safety rules with a fake inventory. The fake's "disks" are /dev/null and /dev/zero: existing
 * non-regular files, the only kind the rules ask the inventory about, and harmless if something went wrong.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DeviceSafetyTest {

    private static final String OUT_DEVICE = "/dev/null";
    private static final String IN_DEVICE = "/dev/zero";
    private static final long SIZE = 4_000_787_030_016L;

    @TempDir
    Path dir;
    private Path image;
    private Path map;

    @BeforeEach
    void files() throws IOException {
        image = Files.write(dir.resolve("disk.img"), new byte[4096]);
        map = dir.resolve("disk.map");
    }

    @Test
    void shouldRefuseAMountedOutputEvenWithForce() {
        var catalog = new FakeDeviceCatalog(mounted(disk(OUT_DEVICE, "m", "s", SIZE), "/mnt/nas", "/srv"));

        DeviceSafety.Verdict verdict = check(catalog, false, "-f", image.toString(), OUT_DEVICE);

        assertThat(verdict.refusal()).hasValue("/dev/null: is mounted on /mnt/nas, /srv; unmount it first");
    }

    @Test
    void shouldWarnWhenTheOutputHoldsAFilesystemOnAPartition() {
        DeviceInfo whole = disk(OUT_DEVICE, "m", "s", SIZE);
        DeviceInfo target = new DeviceInfo(whole.path(), whole.kind(), whole.model(), whole.serial(), whole.sizeBytes(),
                whole.logicalSectorSize(), whole.physicalSectorSize(), whole.rotational(), List.of(),
                Optional.empty(), List.of(Path.of("/dev/null1")));
        DeviceInfo partition = withFilesystem(new DeviceInfo(Path.of("/dev/null1"), DeviceKind.PARTITION, "", "", SIZE / 2,
                whole.logicalSectorSize(), whole.physicalSectorSize(), whole.rotational(), List.of(), Optional.empty(),
                List.of()), "ext4");

        DeviceSafety.Verdict verdict = check(new FakeDeviceCatalog(target, partition), false, "-f", image.toString(), OUT_DEVICE);

        assertThat(verdict.refusal()).isEmpty();
        assertThat(verdict.warnings()).containsExactly("/dev/null: holds a filesystem (ext4); the rescue overwrites it");
    }

    @Test
    void shouldWarnWhenTheSourceIsMounted() {
        var catalog = new FakeDeviceCatalog(mounted(disk(IN_DEVICE, "m", "WD-1", SIZE), "/mnt/failing"));

        DeviceSafety.Verdict verdict = check(catalog, false, IN_DEVICE, dir.resolve("out.img").toString());

        assertThat(verdict.refusal()).isEmpty();
        assertThat(verdict.warnings()).singleElement().asString()
                .startsWith("/dev/zero: is mounted on /mnt/failing; unmount it");
    }

    @Test
    void shouldRecordTheSourceDiskBesideANewMapfile() throws IOException {
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "WDC WD40EFRX", "WD-1", SIZE));

        DeviceSafety.Verdict verdict = check(catalog, false, IN_DEVICE, "out.img", map.toString());

        assertThat(verdict).isEqualTo(new DeviceSafety.Verdict(List.of(), Optional.empty()));
        assertThat(Files.readString(dir.resolve("disk.map.source")))
                .contains("path=/dev/zero\n", "model=WDC WD40EFRX\n", "serial=WD-1\n", "size=" + SIZE + "\n");
    }

    @Test
    void shouldRefuseToResumeFromADiskWithAnotherSerial() throws IOException {
        recordSource(new SourceIdentity("/dev/sdb", "WDC WD40EFRX", "WD-1", SIZE));
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "WDC WD40EFRX", "WD-2", SIZE));

        DeviceSafety.Verdict verdict = check(catalog, true, IN_DEVICE, "out.img", map.toString());

        assertThat(verdict.refusal())
                .hasValue("/dev/zero: is not the disk this mapfile was made from (serial WD-2, expected WD-1)");
        assertThat(SourceIdentity.parse(Files.readString(dir.resolve("disk.map.source"))).orElseThrow().serial())
                .as("the record of the right disk is kept").isEqualTo("WD-1");
    }

    @Test
    void shouldResumeFromTheSameDiskUnderANewName() throws IOException {
        recordSource(new SourceIdentity("/dev/sdb", "WDC WD40EFRX", "WD-1", SIZE));
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "WDC WD40EFRX", "WD-1", SIZE));

        DeviceSafety.Verdict verdict = check(catalog, true, IN_DEVICE, "out.img", map.toString());

        assertThat(verdict).isEqualTo(new DeviceSafety.Verdict(List.of(), Optional.empty()));
        assertThat(Files.readString(dir.resolve("disk.map.source"))).contains("path=/dev/sdb\n");
    }

    @Test
    void shouldCompareOnlyTheSizeOfARegularFileAndNotAskTheInventory() throws IOException {
        var catalog = new FakeDeviceCatalog();
        check(catalog, false, image.toString(), "out.img", map.toString());
        assertThat(Files.readString(dir.resolve("disk.map.source"))).contains("serial=\n", "size=4096\n");

        Files.write(image, new byte[8192]);
        DeviceSafety.Verdict verdict = check(catalog, true, image.toString(), "out.img", map.toString());

        assertThat(verdict.refusal()).hasValue(image + ": is not the file this mapfile was made from (size 8192, expected 4096)");
        assertThat(catalog.queries()).isZero();
    }

    @Test
    void shouldReplaceAStaleRecordWhenTheRescueIsNew() throws IOException {
        recordSource(new SourceIdentity("/dev/sdb", "old", "OLD-1", 1));
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "new", "NEW-1", SIZE));

        DeviceSafety.Verdict verdict = check(catalog, false, IN_DEVICE, "out.img", map.toString());

        assertThat(verdict.refusal()).isEmpty();
        assertThat(Files.readString(dir.resolve("disk.map.source"))).contains("serial=NEW-1\n");
    }

    @Test
    void shouldWarnAndRewriteAnUnreadableRecord() throws IOException {
        Files.writeString(dir.resolve("disk.map.source"), "garbage\n");
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "m", "WD-1", SIZE));

        DeviceSafety.Verdict verdict = check(catalog, true, IN_DEVICE, "out.img", map.toString());

        assertThat(verdict.refusal()).isEmpty();
        assertThat(verdict.warnings()).singleElement().asString().startsWith(map + ".source: unreadable");
        assertThat(Files.readString(dir.resolve("disk.map.source"))).contains("serial=WD-1\n");
    }

    @Test
    void shouldPassWhenTheInventoryKnowsNothing() {
        DeviceSafety.Verdict verdict = check(new FakeDeviceCatalog(), false, "-f", IN_DEVICE, OUT_DEVICE, map.toString());

        assertThat(verdict).isEqualTo(new DeviceSafety.Verdict(List.of(), Optional.empty()));
        assertThat(dir.resolve("disk.map.source")).as("no known source, nothing to record").doesNotExist();
    }

    private void recordSource(SourceIdentity identity) throws IOException {
        Files.write(dir.resolve("disk.map.source"), identity.toBytes());
    }

    private DeviceSafety.Verdict check(FakeDeviceCatalog catalog, boolean resuming, String... args) {
        DdrescueArguments a;
        try {
            a = ((DdrescueArgumentParser.Run) new DdrescueArgumentParser(FileKinds.NONE).parse(args)).arguments();
        } catch (UsageException e) {
            throw new AssertionError(e);
        }
        return new DeviceSafety(catalog, new MapfileFiles()).check(a, dir.resolve(a.inputFile()), dir.resolve(a.outputFile()),
                a.mapfile().map(dir::resolve), resuming);
    }
}
