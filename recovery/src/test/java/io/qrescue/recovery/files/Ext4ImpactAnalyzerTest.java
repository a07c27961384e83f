package io.qrescue.recovery.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.files.StampedExt4Image.StampedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage placed under chosen files of a real ext4 image (built by mke2fs -d and debugfs -w, never mounted) must
 * list exactly those files with exactly the damaged byte ranges. Where file blocks lie is found by the image's
 * stamps, not by debugfs.
 */
@Tag("integration")
class Ext4ImpactAnalyzerTest {

    @TempDir
    static Path dir;
    static StampedExt4Image img;

    @BeforeAll
    static void buildImage() throws IOException {
        img = StampedExt4Image.build(dir, 7, 64, 60);
    }

    private static FileImpact analyze(List<ByteRange> damage) throws IOException {
        return new Ext4ImpactAnalyzer(new E2fsTools()).analyze(img.image, damage);
    }

    @Test
    void theImageHasFragmentedFiles() {
        assertThat(img.hasFragmentedFile()).isTrue();
    }

    @Test
    void damageUnderChosenFilesListsExactlyThoseFilesWithTheirByteRanges() throws IOException {
        for (long seed = 1; seed <= 6; seed++) {
            Random rnd = new Random(seed);
            List<StampedFile> candidates = img.files.values().stream().filter(f -> f.sizeBytes() > 0)
                    .sorted(Comparator.comparingInt(StampedFile::id)).collect(Collectors.toList());
            Map<String, List<ByteRange>> expected = new TreeMap<>();
            List<ByteRange> damage = new ArrayList<>();
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                StampedFile f = candidates.remove(rnd.nextInt(candidates.size()));
                // one or two ranges per file, sector-aligned or not, possibly across several (fragmented) blocks
                for (int r = 0; r < 1 + rnd.nextInt(2); r++) {
                    long from = (long) (rnd.nextDouble() * f.sizeBytes());
                    long to = Math.min(f.sizeBytes(), from + 1 + rnd.nextInt(3 * StampedExt4Image.BLOCK));
                    expected.computeIfAbsent(f.path(), p -> new ArrayList<>()).add(new ByteRange(from, to - from));
                    damage.addAll(StampedExt4Image.volumeRangesOf(f, from, to));
                }
            }
            FileImpact impact = analyze(damage);
            Map<String, List<ByteRange>> found = new TreeMap<>();
            impact.files().forEach(f -> found.put(f.displayPath(), f.damagedRanges()));
            expected.replaceAll((p, ranges) -> ByteRange.merged(ranges));
            assertThat(found).as("seed %d", seed).isEqualTo(expected);
            assertThat(impact.metadata()).as("seed %d", seed).isEmpty();
            assertThat(impact.files()).allSatisfy(f -> assertThat(f.inodeDamaged() || f.mappingDamaged()).isFalse());
        }
    }

    @Test
    void damageAcrossAFragmentBoundaryGivesBothPiecesOfTheFile() throws IOException {
        StampedFile frag = img.files.values().stream().filter(f -> f.path().startsWith("/frag/big"))
                .filter(f -> discontinuity(f) > 0).findFirst().orElseThrow();
        long boundary = discontinuity(frag) * StampedExt4Image.BLOCK;
        List<ByteRange> damage = StampedExt4Image.volumeRangesOf(frag, boundary - 700, boundary + 300);
        assertThat(damage).hasSize(2);
        FileImpact impact = analyze(damage);
        assertThat(impact.files()).singleElement().satisfies(f -> {
            assertThat(f.paths()).containsExactly(frag.path());
            assertThat(f.damagedRanges()).containsExactly(new ByteRange(boundary - 700, 1000));
        });
    }

    @Test
    void damageInFreeSpaceListsNoFile() throws IOException {
        String dump = StampedExt4Image.run(List.of("dumpe2fs", img.image.toString()), dir);
        Matcher m = Pattern.compile("Free blocks: (\\d+)-(\\d+)").matcher(dump);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(2));
        }
        ByteRange free = new ByteRange((last - 3) * StampedExt4Image.BLOCK + 100, 2 * StampedExt4Image.BLOCK);
        FileImpact impact = analyze(List.of(free));
        assertThat(impact.files()).isEmpty();
        assertThat(impact.metadata()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(MetadataKind.FREE_SPACE);
            assertThat(d.volumeRange()).isEqualTo(free);
        });
    }

    @Test
    void damageInAnInodeTableNamesTheInodesAndTheirFiles() throws IOException {
        StampedFile f = img.files.values().stream().filter(x -> x.path().contains("Ünïcode dïr/"))
                .findFirst().orElseThrow();
        String stat = StampedExt4Image.run(List.of("debugfs", "-R", "stat \"" + f.path() + "\"", img.image.toString()),
                dir);
        long ino = number(stat, "Inode: (\\d+)");
        String dump = StampedExt4Image.run(List.of("dumpe2fs", img.image.toString()), dir);
        long ipg = number(dump, "Inodes per group:\\s+(\\d+)");
        long inodeSize = number(dump, "Inode size:\\s+(\\d+)");
        long group = (ino - 1) / ipg;
        Matcher t = Pattern.compile("Group " + group + ":[\\s\\S]*?Inode table at (\\d+)-").matcher(dump);
        assertThat(t.find()).isTrue();
        long record = Long.parseLong(t.group(1)) * StampedExt4Image.BLOCK + ((ino - 1) % ipg) * inodeSize;
        // the last 10 bytes of the record before and the first 10 of the file's own: two inodes
        FileImpact impact = analyze(List.of(new ByteRange(record - 10, 20)));
        assertThat(impact.metadata()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(MetadataKind.INODE_TABLE);
            assertThat(d.inodes()).containsExactly(ino - 1, ino);
            assertThat(d.paths()).contains(f.path());
        });
        assertThat(impact.files()).filteredOn(x -> x.inode() == ino).singleElement()
                .satisfies(x -> assertThat(x.inodeDamaged()).isTrue());
    }

    @Test
    void damageInTheJournalAndADirectoryIsSaidPlainly() throws IOException {
        String journal = StampedExt4Image.run(List.of("debugfs", "-R", "stat <8>", img.image.toString()), dir);
        long journalBlock = number(journal, "\\(0(?:-\\d+)?\\):(\\d+)");
        String docs = StampedExt4Image.run(List.of("debugfs", "-R", "stat /docs", img.image.toString()), dir);
        long docsBlock = number(docs, "\\(0\\):(\\d+)");
        FileImpact impact = analyze(List.of(new ByteRange(journalBlock * StampedExt4Image.BLOCK + 4096 * 5, 512),
                new ByteRange(docsBlock * StampedExt4Image.BLOCK + 24, 40)));
        assertThat(impact.files()).isEmpty();
        assertThat(impact.metadata()).extracting(Ext4MetadataDamage::kind)
                .containsExactlyInAnyOrder(MetadataKind.JOURNAL, MetadataKind.DIRECTORY);
        assertThat(impact.metadata()).filteredOn(d -> d.kind() == MetadataKind.DIRECTORY).singleElement()
                .satisfies(d -> {
                    assertThat(d.paths()).containsExactly("/docs");
                    assertThat(d.detail()).contains("/docs", "directory bytes 24-63");
                });
    }

    @Test
    void descriptorDamageIsNamedAndASuperblockOnDamagedBytesIsNeverParsed() throws IOException {
        FileImpact impact = analyze(List.of(new ByteRange(StampedExt4Image.BLOCK, StampedExt4Image.BLOCK)));
        assertThat(impact.files()).isEmpty();
        assertThat(impact.metadata()).extracting(Ext4MetadataDamage::kind).containsExactly(MetadataKind.GROUP_DESCRIPTORS);
        // one block group: no backup superblock, and the primary lies on damaged bytes (the image still holds it)
        assertThatThrownBy(() -> analyze(List.of(new ByteRange(0, 2 * StampedExt4Image.BLOCK))))
                .isInstanceOf(UnreadableFilesystemException.class)
                .hasMessageContaining("the primary superblock lies on damaged bytes");
    }

    @Test
    void theAllInodeScanForLargeDamageFindsWhatIcheckFinds() throws IOException {
        Random rnd = new Random(99);
        long blocks = 64L * 1024 * 1024 / StampedExt4Image.BLOCK;
        List<ByteRange> damage = new ArrayList<>();
        for (int i = 0; i < 300; i++) {   // anywhere: files, directories, journal, tables, free space
            long block = (long) (rnd.nextDouble() * blocks);
            damage.add(new ByteRange(block * StampedExt4Image.BLOCK + rnd.nextInt(8) * 512L, 512L * (1 + rnd.nextInt(16))));
        }
        FileImpact icheck = new Ext4ImpactAnalyzer(new E2fsTools(), Integer.MAX_VALUE).analyze(img.image, damage);
        FileImpact scan = new Ext4ImpactAnalyzer(new E2fsTools(), 0).analyze(img.image, damage);
        assertThat(icheck.files()).isNotEmpty();
        assertThat(icheck.metadata()).extracting(Ext4MetadataDamage::kind).contains(MetadataKind.FREE_SPACE,
                MetadataKind.JOURNAL);
        assertThat(scan.files()).isEqualTo(icheck.files());
        assertThat(scan.metadata()).isEqualTo(icheck.metadata());
    }

    @Test
    void theRangeWalkOverLongDamageFindsWhatIcheckFinds() throws IOException {
        // long damaged stretches (a rescue stopped after its files leaves whole free areas not imaged): the walk
        // along every inode's runs puts free and unowned stretches in one piece each and finds the same owners
        Random rnd = new Random(7);
        long size = 64L * 1024 * 1024;
        List<ByteRange> damage = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long at = (long) (rnd.nextDouble() * (size - (4 << 20))) / 512 * 512;
            damage.add(new ByteRange(at, 512L * (1 + rnd.nextInt(4096))));
        }
        damage.add(new ByteRange(size - (6 << 20) + 1536, (6 << 20) - 1536));
        FileImpact icheck = new Ext4ImpactAnalyzer(new E2fsTools(), Integer.MAX_VALUE).analyze(img.image, damage);
        FileImpact walk = new Ext4ImpactAnalyzer(new E2fsTools(), 0).analyze(img.image, damage);
        assertThat(icheck.files()).isNotEmpty();
        assertThat(icheck.metadata()).extracting(Ext4MetadataDamage::kind).contains(MetadataKind.FREE_SPACE);
        assertThat(walk.files()).isEqualTo(icheck.files());
        assertThat(walk.metadata()).isEqualTo(icheck.metadata());
    }

    private static long discontinuity(StampedFile f) {
        Map<Long, Long> m = f.physicalBlockByIndex();
        for (long b = 1; b < m.size(); b++) {
            if (m.get(b) != m.get(b - 1) + 1) {
                return b;
            }
        }
        return -1;
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return Long.parseLong(m.group(1));
    }
}
