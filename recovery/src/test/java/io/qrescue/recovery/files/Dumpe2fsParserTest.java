package io.qrescue.recovery.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The dumpe2fs reader on output captured from dumpe2fs 1.47.0 (300 MiB, flex_bg, 3 groups). */
class Dumpe2fsParserTest {

    private static final String HEADER = """
            dumpe2fs 1.47.0 (5-Feb-2023)
            Filesystem magic number:  0xEF53
            Inode count:              76800
            Block count:              76800
            First block:              0
            Block size:               4096
            Inodes per group:         25600
            First inode:              11
            Inode size:	          256
            Journal inode:            8
            Fragment:  Address: 0    Number: 0    Size: 0

            """;
    private static final String GROUPS = """
            Group 0: (Blocks 0-32767) csum 0x23bb
              Primary superblock at 0, Group descriptors at 1-1
              Reserved GDT blocks at 2-38
              Block bitmap at 39 (+39), csum 0x2db6d8f6
              Inode bitmap at 42 (+42), csum 0x29750697
              Inode table at 45-1644 (+45)
              27917 free blocks, 25589 free inodes, 2 directories, 25589 unused inodes
              Free blocks: 4851-32767
              Free inodes: 12-25600
            Group 1: (Blocks 32768-65535) csum 0xd5d5 [INODE_UNINIT]
              Backup superblock at 32768, Group descriptors at 32769-32769
              Reserved GDT blocks at 32770-32806
              Block bitmap at 40 (bg #0 + 40), csum 0x64eb27eb
              Inode bitmap at 43 (bg #0 + 43), csum 0x00000000
              Inode table at 1645-3244 (bg #0 + 1645)
              28633 free blocks, 25600 free inodes, 0 directories, 25600 unused inodes
              Free blocks: 36903-65535
              Free inodes: 25601-51200
            Group 2: (Blocks 65536-76799) csum 0x60e1 [INODE_UNINIT]
              Block bitmap at 41 (bg #0 + 41), csum 0xf60f51f7
              Inode bitmap at 44 (bg #0 + 44), csum 0x00000000
              Inode table at 3245-4844 (bg #0 + 3245)
              11264 free blocks, 25600 free inodes, 0 directories, 25600 unused inodes
              Free blocks: 65536-70000, 70002, 70004-76799
              Free inodes: 51201-76800
            """;

    @Test
    void readsGeometryAndEveryGroupsStructuresWithFlexBgLocations() {
        Ext4Layout l = Dumpe2fsParser.parse(HEADER + GROUPS);
        assertThat(l.blockSizeBytes()).isEqualTo(4096);
        assertThat(l.blocksCount()).isEqualTo(76800);
        assertThat(l.inodesPerGroup()).isEqualTo(25600);
        assertThat(l.inodeSizeBytes()).isEqualTo(256);
        assertThat(l.journalInode()).isEqualTo(8);
        assertThat(l.areasIn(32768, 32770)).containsExactly(
                new Ext4Layout.Area(MetadataKind.BACKUP_SUPERBLOCK, 1, 32768, 1),
                new Ext4Layout.Area(MetadataKind.BACKUP_GROUP_DESCRIPTORS, 1, 32769, 1));
        assertThat(l.areasIn(1, 2)).containsExactly(new Ext4Layout.Area(MetadataKind.GROUP_DESCRIPTORS, 0, 1, 1));
        assertThat(l.areasIn(40, 41)).containsExactly(new Ext4Layout.Area(MetadataKind.BLOCK_BITMAP, 1, 40, 1));
        assertThat(l.areasIn(3000, 3300)).containsExactly(
                new Ext4Layout.Area(MetadataKind.INODE_TABLE, 1, 1645, 1600),
                new Ext4Layout.Area(MetadataKind.INODE_TABLE, 2, 3245, 1600));
    }

    @Test
    void freeBlockListsIncludeSingleBlocks() {
        Ext4Layout l = Dumpe2fsParser.parse(HEADER + GROUPS);
        assertThat(l.isFree(4850)).isFalse();
        assertThat(l.isFree(4851)).isTrue();
        assertThat(l.isFree(70001)).isFalse();
        assertThat(l.isFree(70002)).isTrue();
        assertThat(l.isFree(70003)).isFalse();
        assertThat(l.isFree(76799)).isTrue();
    }

    @Test
    void inodesInUseAreTheComplementOfTheFreeInodeLists() {
        Ext4Layout l = Dumpe2fsParser.parse(HEADER + GROUPS.replace("Free inodes: 25601-51200",
                "Free inodes: 25601-25700, 25702-51200"));
        assertThat(l.inodesInUse()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 25701L);
    }

    @Test
    void withoutFreeListsForEveryGroupFreeSpaceIsUnknown() {
        String noBitmaps = (HEADER + GROUPS).replace("  Free blocks: 36903-65535\n", "");
        Ext4Layout l = Dumpe2fsParser.parse(noBitmaps);
        assertThat(l.freeBlocks()).isNull();
        assertThat(l.isFree(4851)).isFalse();
    }

    @Test
    void missingGroupsOrHeaderFieldsAreNamed() {
        assertThatThrownBy(() -> Dumpe2fsParser.parse(HEADER)).hasMessageContaining("no block groups");
        assertThatThrownBy(() -> Dumpe2fsParser.parse(HEADER.replace("Inode size:", "X:") + GROUPS))
                .hasMessageContaining("'Inode size:'");
    }
}
