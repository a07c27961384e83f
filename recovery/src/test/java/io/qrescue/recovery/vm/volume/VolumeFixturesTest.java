package io.qrescue.recovery.vm.volume;

import io.qrescue.recovery.stack.lvm.LvmCrc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed volumes are what the generator says: a QNAP-like GPT, the md superblock where mdadm's own
 * --examine put it, the LVM label and metadata whose checksums (written by real lvm) verify, the expected files.
 */
class VolumeFixturesTest {
    private static final long SIZE = 96L << 20;
    @TempDir
    Path dir;

    private static ByteBuffer read(Path image, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(image)) {
            ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, offset);
            return b.flip();
        }
    }

    private static long sectors(String examine, String field) {
        Matcher m = Pattern.compile(field + " : (\\d+) sectors").matcher(examine);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"md10-single", "md12-single", "md10-raid1", "md10-tier", "md10-raid5"})
    void shouldHoldTheStackTheOracleDescribes(String name) throws IOException {
        Path image = VolumeFixtures.unpack(name, VolumeFixtures.firstImage(name), dir);
        GptLayout gpt = new GptLayout(SIZE, 1);
        assertThat(read(image, 0, 34 * 512).array()).isEqualTo(gpt.primary());
        long p3 = gpt.partition(3).offsetBytes();
        String examine = VolumeFixtures.oracle(name, "mdadm-examine-member-a.txt");
        long superOffset = p3 + sectors(examine, "Super Offset") * 512;
        assertThat(read(image, superOffset, 4).getInt(0)).isEqualTo(0xa92b4efc);
        assertThat(examine).contains(name.startsWith("md12") ? "Version : 1.2" : "Version : 1.0");
        long pv = p3 + sectors(examine, "Data Offset") * 512;
        ByteBuffer label = read(image, pv + 512, 512);
        assertThat(new String(label.array(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("LABELONE");
        // lvm's own label checksum covers bytes 20..511 of the label sector
        assertThat(label.getInt(16)).isEqualTo((int) LvmCrc.of(label.array(), 20, 492));
        ByteBuffer mda = read(image, pv + 4096, 512);
        assertThat(mda.getInt(0)).isEqualTo((int) LvmCrc.of(mda.array(), 4, 508));
        long textOffset = mda.getLong(40);
        int textSize = (int) mda.getLong(48);
        ByteBuffer text = read(image, pv + 4096 + textOffset, textSize);
        assertThat((int) LvmCrc.of(text.array(), 0, textSize)).isEqualTo(mda.getInt(56));
        String metadata = new String(text.array(), 0, textSize - 1, StandardCharsets.UTF_8);
        assertThat(metadata).contains("vg1 {", "tp1 {", "lv1 {", "lv2 {", "snap10001 {");
        if (name.equals("md10-tier")) {
            assertThat(metadata).contains("type = \"tier-thin-pool\"").doesNotContain("type = \"thin-pool\"");
        } else {
            assertThat(metadata).contains("type = \"thin-pool\"");
        }
        assertThat(VolumeFixtures.oracle(name, "files.sha256"))
                .isEqualTo(PayloadFiles.sha256List(VolumeGenerator.expectedFiles(PayloadFiles.forSeed(1))));
        assertThat(VolumeFixtures.oracle(name, "thin_dump-tp1.xml")).contains("<superblock", "dev_id=\"1\"");
    }

    @org.junit.jupiter.api.Test
    void shouldHoldARaid5OfThreeMembersEachWithItsSuperblockAndRole() throws IOException {
        String name = "md10-raid5";
        java.util.List<Path> members = VolumeFixtures.unpackAll(name, dir);
        assertThat(members).hasSize(3);
        assertThat(VolumeFixtures.oracle(name, "mdadm-detail-md1.txt")).contains("Raid Level : raid5",
                "Raid Devices : 3", "Active Devices : 3", "Layout : left-symmetric");
        long p3 = new GptLayout(SIZE, 1).partition(3).offsetBytes();
        for (int i = 0; i < 3; i++) {
            String examine = VolumeFixtures.oracle(name, "mdadm-examine-member-" + (char) ('a' + i) + ".txt");
            assertThat(examine).contains("Raid Level : raid5", "Active device " + i, "State : clean");
            long superOffset = p3 + sectors(examine, "Super Offset") * 512;
            ByteBuffer sb = read(members.get(i), superOffset, 256);
            assertThat(sb.getInt(0)).isEqualTo(0xa92b4efc);
            assertThat(sb.getInt(72)).as("level in the superblock").isEqualTo(5);
            assertThat(sb.getInt(92)).as("raid_disks").isEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"md10-single"})
    void shouldTurnTheStockPoolIntoQnapsSegmentTypeWithChecksumsThatStillVerify(String name) throws IOException {
        Path image = VolumeFixtures.unpack(name, "disk.img.gz", dir);
        long pv = new GptLayout(SIZE, 1).partition(3).offsetBytes();
        TierSegmentRewriter.Rewrite r = TierSegmentRewriter.rewrite(image, pv);
        assertThat(r.newSizeBytes()).isEqualTo(r.oldSizeBytes() + "tier-".length());
        ByteBuffer mda = read(image, r.mdaHeaderOffsetBytes(), 512);
        assertThat(mda.getInt(0)).isEqualTo((int) LvmCrc.of(mda.array(), 4, 508));
        assertThat(mda.getLong(48)).isEqualTo(r.newSizeBytes());
        ByteBuffer text = read(image, r.textOffsetBytes(), (int) r.newSizeBytes());
        assertThat((int) LvmCrc.of(text.array(), 0, (int) r.newSizeBytes())).isEqualTo(mda.getInt(56))
                .isEqualTo(r.newTextChecksum());
        assertThat(new String(text.array(), StandardCharsets.UTF_8)).contains("type = \"tier-thin-pool\"");
    }
}
