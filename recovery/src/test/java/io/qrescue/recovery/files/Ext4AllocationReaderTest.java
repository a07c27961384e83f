package io.qrescue.recovery.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java ext4 allocation reader against the files the kernel wrote (the fixtures' files.sha256 from the VM). */
class Ext4AllocationReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"md10-single", "md10-raid5"})
    void everyFileOfEveryVolumeReadsBackThroughItsExtents(String name) throws Exception {
        Map<String, String> oracle = new TreeMap<>();
        for (String line : VolumeFixtures.oracle(name, "files.sha256").split("\n")) {
            if (!line.isBlank()) {
                oracle.put(line.substring(66), line.substring(0, 64));
            }
        }
        List<ImageSource> images = new ArrayList<>();
        List<NamedImage> named = new ArrayList<>();
        for (Path p : VolumeFixtures.unpackAll(name, dir)) {
            images.add(FileImageSource.open(p));
            named.add(new NamedImage(p.getFileName().toString(), images.get(images.size() - 1)));
        }
        try {
            Map<String, String> found = new TreeMap<>();
            StackAnalysis analysis = StackAnalysis.analyze(named);
            for (AnalyzedVolume v : analysis.volumes()) {
                ImageSource volume = v.placements().get(0).open();
                Ext4Allocation a = Ext4AllocationReader.read(volume);
                assertThat(a).as(v.name()).isNotNull();
                assertThat(a.complete()).as(v.name()).isTrue();
                assertThat(a.metadata()).isNotEmpty();
                for (Ext4Allocation.Ext4File f : a.files()) {
                    if (f.path() == null || f.path().startsWith("lost+found")) {
                        continue;
                    }
                    found.put(v.name() + "/" + f.path(), sha256(volume, f));
                }
            }
            assertThat(found).isEqualTo(oracle);
        } finally {
            for (ImageSource s : images) {
                s.close();
            }
        }
    }

    @Test
    void bytesNotImagedYetArePendingNotGuessed() throws Exception {
        Path disk = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        try (FileImageSource image = FileImageSource.open(disk)) {
            StackAnalysis healthy = StackAnalysis.analyze(List.of(new NamedImage("disk.img", image)));
            AnalyzedVolume lv1 = healthy.volumes().stream().filter(v -> v.name().equals("vg1/lv1")).findFirst()
                    .orElseThrow();
            Ext4Allocation full = Ext4AllocationReader.read(lv1.placements().get(0).open());
            // the same disk with group 0's inode table never read (metadata: superblock, descriptors, the two
            // bitmaps of group 0, then its table): the stack still opens, those files are unknown, not guessed
            Block table0 = full.metadata().get(4);
            List<StatusBlock> map = new ArrayList<>();
            long pos = 0;
            for (var span : lv1.placements().get(0).imageSpans(table0.pos(), table0.size())) {
                map.add(new StatusBlock(pos, span.offsetBytes() - pos, BlockStatus.FINISHED));
                map.add(new StatusBlock(span.offsetBytes(), span.lengthBytes(), BlockStatus.NON_TRIED));
                pos = span.endBytes();
            }
            map.add(new StatusBlock(pos, image.size() - pos, BlockStatus.FINISHED));
            ImageSource partial = RescuedImage.of("disk.img", image,
                    Readability.of(io.qrescue.mapfile.BlockMap.of(map)));
            StackAnalysis a = StackAnalysis.analyze(List.of(new NamedImage("disk.img", partial)));
            AnalyzedVolume v = a.volumes().stream().filter(x -> x.name().equals("vg1/lv1")).findFirst().orElseThrow();
            Ext4Allocation some = Ext4AllocationReader.read(v.placements().get(0).open());
            assertThat(some.complete()).isFalse();
            assertThat(some.pending()).isNotEmpty();
            assertThat(some.unknownInodes()).isPositive();
            assertThat(some.files().size()).isLessThan(full.files().size());
        }
    }

    private static String sha256(ImageSource volume, Ext4Allocation.Ext4File f) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Block b : f.data()) {
            all.write(volume.readFully(b.pos(), (int) b.size()));
        }
        byte[] bytes = all.toByteArray();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(bytes, 0, (int) Math.min(bytes.length, f.sizeBytes()));
        return HexFormat.of().formatHex(sha.digest());
    }
}
