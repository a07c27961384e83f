package io.qrescue.recovery.imaging;

import static io.qrescue.recovery.testing.FakeDeviceCatalog.disk;
import static io.qrescue.recovery.testing.FakeDeviceCatalog.mounted;
import static io.qrescue.recovery.testing.FakeDeviceCatalog.withFilesystem;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import io.qrescue.mapfile.MapfileFiles;
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
    void shouldResumeFromTheSameDiskUnderANewName() throws IOException {
        recordSource(device("/dev/sdb", "WD-1", SIZE));
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "WDC WD40EFRX", "WD-1", SIZE));

        DeviceSafety.Verdict verdict = check(catalog, true, IN_DEVICE, "out.img", map.toString());

        assertThat(verdict).as("a renamed or re-attached disk is the same source")
                .isEqualTo(new DeviceSafety.Verdict(List.of(), Optional.empty()));
        assertThat(history().sources()).extracting(SourceHistory.Source::path).containsExactly("/dev/sdb");
    }

    @Test
    void shouldAcceptTheOtherRaid1MemberAndRecordBoth() throws IOException {
        recordSource(device("/dev/sdb", "WD-1", SIZE));
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "WDC WD40EFRX", "WD-2", SIZE));

        DeviceSafety.Verdict verdict = check(catalog, true, IN_DEVICE, "out.img", map.toString());

        assertThat(verdict.refusal()).as("another copy of the same data, as ddrescue allows").isEmpty();
        assertThat(verdict.warnings()).singleElement().asString()
                .startsWith("/dev/zero: " + map + " was fed from /dev/sdb (WDC WD40EFRX, serial WD-1, " + SIZE
                        + " bytes); now also from /dev/zero (WDC WD40EFRX, serial WD-2, " + SIZE + " bytes)");
        assertThat(history().sources()).extracting(SourceHistory.Source::serial).containsExactly("WD-1", "WD-2");

        DeviceSafety.Verdict again = check(catalog, true, IN_DEVICE, "out.img", map.toString());
        assertThat(again).as("once recorded, a source is known").isEqualTo(new DeviceSafety.Verdict(List.of(),
                Optional.empty()));
    }

    @Test
    void shouldAcceptCopiesOfAnySizeThatAreFiles() throws IOException {
        var catalog = new FakeDeviceCatalog();
        check(catalog, false, image.toString(), "out.img", map.toString());
        Path partialCopy = Files.write(dir.resolve("copy.img"), new byte[8192]);

        DeviceSafety.Verdict verdict = check(catalog, true, partialCopy.toString(), "out.img", map.toString());

        assertThat(verdict.refusal()).as("ddrescue's check.sh feeds one map from partial copies of every size")
                .isEmpty();
        assertThat(verdict.warnings()).singleElement().asString().contains("now also from " + partialCopy);
        assertThat(history().sources()).extracting(SourceHistory.Source::sizeBytes).containsExactly(4096L, 8192L);
        assertThat(catalog.queries()).as("regular files are not looked up in the inventory").isZero();
    }

    @Test
    void shouldAcceptAnImageFileAfterTheDisk() throws IOException {
        recordSource(device("/dev/sdb", "WD-1", SIZE));

        DeviceSafety.Verdict verdict = check(new FakeDeviceCatalog(), true, image.toString(), "out.img",
                map.toString());

        assertThat(verdict.refusal()).isEmpty();
        assertThat(history().sources()).extracting(SourceHistory.Source::kind)
                .containsExactly(SourceHistory.Kind.DEVICE, SourceHistory.Kind.FILE);
    }

    @Test
    void shouldRecordTheSourceOfAGenerateModeMapSoThatARescueFromAnotherCopyIsAccepted() throws IOException {
        check(new FakeDeviceCatalog(disk(IN_DEVICE, "m", "WD-1", SIZE)), false, "-G", IN_DEVICE, image.toString(),
                map.toString());
        assertThat(history().sources()).extracting(SourceHistory.Source::serial).containsExactly("WD-1");

        DeviceSafety.Verdict verdict = check(new FakeDeviceCatalog(disk(IN_DEVICE, "m", "WD-2", SIZE)), true,
                IN_DEVICE, "out.img", map.toString());

        assertThat(verdict.refusal()).isEmpty();
    }

    @Test
    void shouldRefuseADifferentDiskOfADifferentSize() throws IOException {
        recordSource(device("/dev/sdb", "WD-1", SIZE));
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "ST2000", "ZA-9", SIZE / 2));

        DeviceSafety.Verdict verdict = check(catalog, true, IN_DEVICE, "out.img", map.toString());

        assertThat(verdict.refusal()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("/dev/zero: is not a disk this mapfile was fed from: it is /dev/zero (ST2000, serial ZA-9, "
                        + SIZE / 2 + " bytes), " + map + " was fed from /dev/sdb (WDC WD40EFRX, serial WD-1, " + SIZE
                        + " bytes).")
                .endsWith("If it holds the same data (another copy), add --add-source"));
        assertThat(history().sources()).as("the record is kept as it was").extracting(SourceHistory.Source::serial)
                .containsExactly("WD-1");
    }

    @Test
    void shouldRefuseADiskOfAnotherSizeWhoseSerialIsUnknown() throws IOException {
        recordSource(device("/dev/sdb", "WD-1", SIZE));
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "USB bridge", "", SIZE + 512));

        assertThat(check(catalog, true, IN_DEVICE, "out.img", map.toString()).refusal()).isPresent();
    }

    @Test
    void shouldGoOnWithAddSourceAndRecordIt() throws IOException {
        recordSource(device("/dev/sdb", "WD-1", SIZE));
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "ST2000", "ZA-9", SIZE / 2));

        DeviceSafety.Verdict verdict = checkAdding(catalog, IN_DEVICE, "out.img", map.toString());

        assertThat(verdict.refusal()).isEmpty();
        assertThat(history().sources()).extracting(SourceHistory.Source::serial).containsExactly("WD-1", "ZA-9");
    }

    @Test
    void shouldReadTheRecordOfAnEarlierQrescue() throws IOException {
        Files.writeString(dir.resolve("disk.map.source"), "# qrescue: the source of the mapfile beside this file\n"
                + "path=/dev/sdb\nmodel=WDC WD40EFRX\nserial=WD-1\nsize=" + SIZE + "\n");
        var catalog = new FakeDeviceCatalog(disk(IN_DEVICE, "ST2000", "ZA-9", SIZE / 2));

        assertThat(check(catalog, true, IN_DEVICE, "out.img", map.toString()).refusal()).isPresent();
    }

    @Test
    void shouldReplaceAStaleRecordWhenTheRescueIsNew() throws IOException {
        recordSource(new SourceHistory.Source("/dev/sdb", SourceHistory.Kind.DEVICE, "old", "OLD-1", 1));
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

    private static SourceHistory.Source device(String path, String serial, long size) {
        return new SourceHistory.Source(path, SourceHistory.Kind.DEVICE, "WDC WD40EFRX", serial, size);
    }

    private void recordSource(SourceHistory.Source source) throws IOException {
        Files.write(dir.resolve("disk.map.source"), new SourceHistory(List.of(source)).toBytes());
    }

    private SourceHistory history() throws IOException {
        return SourceHistory.parse(Files.readString(dir.resolve("disk.map.source")));
    }

    private DeviceSafety.Verdict check(FakeDeviceCatalog catalog, boolean resuming, String... args) {
        return check(catalog, resuming, false, args);
    }

    private DeviceSafety.Verdict checkAdding(FakeDeviceCatalog catalog, String... args) {
        return check(catalog, true, true, args);
    }

    private DeviceSafety.Verdict check(FakeDeviceCatalog catalog, boolean resuming, boolean addSource,
            String... args) {
        ImagingRequest request = Requests.of(new QrescueOptions(Optional.empty(), InputGuards.NONE, 0, List.of(),
                addSource), args);
        return new DeviceSafety(catalog, new MapfileFiles()).check(request, dir.resolve(request.inputFile()),
                dir.resolve(request.outputFile()), request.mapfile().map(dir::resolve), resuming);
    }
}
