package io.qrescue.recovery.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.files.StampedExt4Image.StampedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zeroed primary superblock: the analysis and the copy go through group 1's backup and say so. */
@Tag("integration")
class Ext4BackupSuperblockTest {

    @TempDir
    Path dir;

    @Test
    void aDestroyedPrimarySuperblockIsBypassedThroughTheBackup() throws IOException {
        // 160 MiB: two block groups of 128 MiB, so group 1 holds a backup superblock at block 32768
        StampedExt4Image img = StampedExt4Image.build(dir, 5, 160, 12);
        StampedFile f = img.files.values().stream().filter(x -> x.sizeBytes() > 9000).findFirst().orElseThrow();
        List<ByteRange> damage = StampedExt4Image.volumeRangesOf(f, 4000, 9000);
        FileImpact before = new Ext4ImpactAnalyzer(new E2fsTools()).analyze(img.image, damage);
        try (FileChannel ch = FileChannel.open(img.image, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1024), 1024);
        }
        FileImpact after = new Ext4ImpactAnalyzer(new E2fsTools()).analyze(img.image, damage);
        assertThat(after.superblockUsed()).isEqualTo(32768);
        assertThat(after.warnings()).anySatisfy(w -> assertThat(w).contains("backup at block 32768"));
        assertThat(after.files()).isEqualTo(before.files());
        assertThat(after.files()).singleElement().satisfies(d -> assertThat(d.damagedRanges())
                .containsExactly(new ByteRange(4000, 5000)));
        FileCopyResult r = new Ext4FileExtractor(new E2fsTools()).extract(img.image, dir.resolve("out"), after);
        assertThat(r.fileCount()).isEqualTo(img.files.size());
        assertThat(Ext4FileExtractor.sha256(r.filesDir().resolve(f.path().substring(1))))
                .isEqualTo(Ext4FileExtractor.sha256(img.sourceTree.resolve(f.path().substring(1))));
    }

    @Test
    void aPrimarySuperblockOnDamagedBytesIsNeverParsedEvenWhenTheImageHoldsIt() throws IOException {
        StampedExt4Image img = StampedExt4Image.build(dir, 6, 160, 8);
        StampedFile f = img.files.values().stream().filter(x -> x.sizeBytes() > 9000).findFirst().orElseThrow();
        List<ByteRange> damage = new java.util.ArrayList<>(StampedExt4Image.volumeRangesOf(f, 4000, 9000));
        damage.add(new ByteRange(0, 4096)); // the image still holds the superblock; the map says it was not read
        FileImpact impact = new Ext4ImpactAnalyzer(new E2fsTools()).analyze(img.image, damage, List.of());
        assertThat(impact.superblockUsed()).isEqualTo(32768);
        FileCopyResult r = new Ext4FileExtractor(new E2fsTools()).extract(img.image, dir.resolve("out"), impact);
        assertThat(r.fileCount()).isEqualTo(img.files.size());
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("backup at block 32768"));
    }

    @Test
    void somethingThatIsNoFilesystemGivesOneClearError() throws IOException {
        Path junk = dir.resolve("junk.img");
        Files.write(junk, new byte[1 << 20]);
        assertThatThrownBy(() -> new Ext4ImpactAnalyzer(new E2fsTools()).analyze(junk, List.of()))
                .isInstanceOf(UnreadableFilesystemException.class)
                .hasMessageStartingWith(junk + ": no ext2/3/4 filesystem e2fsprogs can open (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
