package io.qrescue.recovery.stack.luks;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.analysis.StackVolumeCatalog;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.vm.volume.EncryptedTestVolumes;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeLocation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The md10-luks fixture (md -> LVM thin -> LUKS -> ext4, made by cryptsetup inside the recovery appliance): every
 * volume decrypted in Java is byte for byte what the kernel's dm-crypt showed (the sha256 of /dev/mapper/ce_LV
 * recorded in oracle/luks-digests.txt, and of each 1 MiB in luks-chunks.txt), for LUKS1 cbc-plain/sha1 (QNAP's),
 * cbc-essiv:sha256, LUKS2 xts-plain64/argon2id and LUKS2 cbc-plain64 with 4 KiB sectors, and the thin snapshot.
 */
class LuksVolumeFixtureTest {

    @TempDir
    static Path dir;

    private static Path image;

    @BeforeAll
    static void unpack() throws Exception {
        image = VolumeFixtures.unpack("md10-luks", "disk.img.gz", dir);
    }

    @Test
    void shouldDecryptEveryVolumeAsDmCryptDid() throws Exception {
        Map<String, String[]> digests = oracleLines("luks-digests.txt");
        Map<String, String[]> chunks = oracleLines("luks-chunks.txt");
        try (FileImageSource src = FileImageSource.open(image)) {
            VolumeCatalog catalog = StackVolumeCatalog.factory().open(List.of(new NamedImage("disk.img", src)));
            assertThat(digests).containsOnlyKeys("vg1/lv1", "vg1/lv2", "vg1/lv3", "vg1/lv4", "vg1/snap10001");
            for (Map.Entry<String, String[]> e : digests.entrySet()) {
                String name = e.getKey();
                VolumeLocation v = catalog.find(name).orElseThrow();
                LuksProbe probe = LuksHeaderReader.read(v.source());
                LuksUnlocker.Opened opened = LuksVolume.open(name, v.source(), probe, passphrases(name));
                LuksSource plain = opened.source();
                assertThat(plain.size()).as(name + " size").isEqualTo(Long.parseLong(e.getValue()[0]));
                assertThat(plain.damageIn(0, plain.size())).isEmpty();
                MessageDigest whole = MessageDigest.getInstance("SHA-256");
                ByteBuffer buf = ByteBuffer.allocate(1 << 20);
                for (long at = 0; at < plain.size(); at += buf.capacity()) {
                    buf.clear();
                    plain.read(at, buf);
                    buf.flip();
                    byte[] chunk = new byte[buf.remaining()];
                    buf.get(chunk);
                    whole.update(chunk);
                    String got = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chunk));
                    assertThat(got).as(name + " chunk at " + at).isEqualTo(chunks.get(name + " " + at)[0]);
                }
                assertThat(HexFormat.of().formatHex(whole.digest())).as(name).isEqualTo(e.getValue()[1]);
            }
        }
    }

    @Test
    void shouldReadEveryHeaderAsLuksDumpDid() throws Exception {
        try (FileImageSource src = FileImageSource.open(image)) {
            VolumeCatalog catalog = StackVolumeCatalog.factory().open(List.of(new NamedImage("disk.img", src)));
            for (String lv : List.of("lv1", "lv2", "lv3", "lv4")) {
                LuksHeader h = LuksHeaderReader.read(catalog.find("vg1/" + lv).orElseThrow().source()).header();
                String dump = VolumeFixtures.oracle("md10-luks", "luksdump-" + lv + ".txt");
                if (h.version() == 1) {
                    assertThat(dump).contains("Cipher mode:   \t" + h.cipher().substring(4))
                            .contains("Payload offset:\t" + h.payloadOffsetBytes() / 512)
                            .contains("MK bits:       \t" + h.keyBytes() * 8);
                } else {
                    assertThat(dump).contains("\toffset: " + h.payloadOffsetBytes() + " [bytes]")
                            .contains("\tsector: " + h.sectorBytes() + " [bytes]")
                            .contains("\tcipher: " + h.cipher());
                }
                assertThat(h.activeSlots()).hasSize(lv.equals("lv1") ? 2 : 1);
            }
        }
    }

    /** The passphrases a user would give: the QNAP passwords for lv1 and lv2, the raw passphrase for lv3 and lv4. */
    static List<Passphrase> passphrases(String volume) {
        String lv = volume.equals("vg1/snap10001") ? "lv1" : volume.substring(4);
        EncryptedTestVolumes.Spec spec = EncryptedTestVolumes.SPECS.stream().filter(s -> s.lv().equals(lv))
                .findFirst().orElseThrow();
        if (spec.qnapPassword() != null) {
            return QnapPassword.candidates(spec.qnapPassword().getBytes(StandardCharsets.UTF_8), "the test");
        }
        return LuksFixtures.raw(spec.passphrase());
    }

    /** "NAME A B" lines by NAME (two-word keys for chunk lines: "NAME OFFSET"). */
    private static Map<String, String[]> oracleLines(String file) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String line : VolumeFixtures.oracle("md10-luks", file).split("\n")) {
            String[] f = line.trim().split(" ");
            if (file.equals("luks-chunks.txt")) {
                out.put(f[0] + " " + f[1], new String[] {f[2]});
            } else {
                out.put(f[0], new String[] {f[1], f[2]});
            }
        }
        return out;
    }

}
