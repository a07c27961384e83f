package io.qrescue.recovery.vm.rescue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.source.ByteArraySource;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The digests file of the volume-digests job: read back exactly, refused with the line when malformed. */
class VolumeDigestListTest {
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final String C = "c".repeat(64);

    @Test
    void shouldReadSeededDigestsBackAsTheHostComputesThem() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            int chunk = 512 * (1 + random.nextInt(8));
            List<VolumeDigest> written = new ArrayList<>();
            StringBuilder text = new StringBuilder("chunk-bytes " + chunk + "\n");
            for (int v = 0; v < 1 + random.nextInt(4); v++) {
                byte[] bytes = new byte[random.nextInt(5 * chunk)];
                random.nextBytes(bytes);
                VolumeDigest d = VolumeDigest.of("vg" + round + "/lv" + v, new ByteArraySource(bytes), chunk);
                written.add(d);
                text.append("lv ").append(d.name()).append(' ').append(bytes.length).append(' ').append(d.sha256())
                        .append('\n');
                for (int i = 0; i < d.chunkSha256().size(); i++) {
                    text.append("chunk ").append(d.name()).append(' ').append((long) i * chunk).append(' ')
                            .append(d.chunkSha256().get(i)).append('\n');
                }
            }
            assertThat(VolumeDigestList.parse(text.toString(), "digests")).isEqualTo(written);
        }
    }

    @Test
    void shouldDigestAVolumeWholeAndPerChunkWithAShortLastChunk() throws Exception {
        byte[] bytes = new byte[2500];
        new Random(1).nextBytes(bytes);
        VolumeDigest d = VolumeDigest.of("vg1/lv1", new ByteArraySource(bytes), 1024);
        assertThat(d.sizeBytes()).isEqualTo(2500);
        assertThat(d.chunkSha256()).containsExactly(sha(bytes, 0, 1024), sha(bytes, 1024, 1024), sha(bytes, 2048, 452));
        assertThat(d.sha256()).isEqualTo(sha(bytes, 0, 2500));
    }

    @Test
    void shouldReadAnEmptyListAndAnEmptyVolume() throws Exception {
        assertThat(VolumeDigestList.parse("chunk-bytes 1048576\n", "d")).isEmpty();
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(VolumeDigestList.parse("chunk-bytes 512\nlv vg/e 0 " + empty + "\n", "d"))
                .containsExactly(new VolumeDigest("vg/e", 0, 512, empty, List.of()));
    }

    @Test
    void shouldNameTheFileAndLineOfMalformedInput() {
        refused("", "d: empty, no 'chunk-bytes' line");
        refused("lv vg/a 512 " + A + "\n", "d line 1: expected 'chunk-bytes N' first, found 'lv vg/a 512 " + A + "'");
        refused("chunk-bytes 0\n", "d line 1: chunk size is not a number in [1, 2147483647]: '0'");
        refused("chunk-bytes 512\nlv vg/a 512\n", "d line 2: expected 'lv NAME SIZE SHA256' or 'chunk NAME OFFSET "
                + "SHA256', found 'lv vg/a 512'");
        refused("chunk-bytes 512\nlv a 512 " + A + "\n", "d line 2: not a VG/LV name: 'a'");
        refused("chunk-bytes 512\nlv vg/a 512 " + A.toUpperCase() + "\n",
                "d line 2: not a sha256 (64 lowercase hex digits): '" + A.toUpperCase() + "'");
        refused("chunk-bytes 512\nlv vg/a -1 " + A + "\n", "d line 2: size is not a number in [0, "
                + Long.MAX_VALUE + "]: '-1'");
        refused("chunk-bytes 512\nchunk vg/a 0 " + A + "\n", "d line 2: chunk of vg/a outside its volume's lines");
        refused("chunk-bytes 512\nlv vg/a 1024 " + A + "\nchunk vg/a 512 " + B + "\n",
                "d line 3: vg/a: chunk at offset 512, expected offset 0 (size 1024, chunks of 512)");
        refused("chunk-bytes 512\nlv vg/a 512 " + A + "\nchunk vg/a 0 " + B + "\nchunk vg/a 512 " + C + "\n",
                "d line 4: vg/a: chunk at offset 512, expected no more chunks (size 512, chunks of 512)");
        // a volume cut short (the job died or a chunk line was lost): the volume's lv line is named
        refused("chunk-bytes 512\nlv vg/a 1024 " + A + "\nchunk vg/a 0 " + B + "\nlv vg/b 0 " + C + "\n",
                "d line 2: vg/a has 1 chunk lines, its size 1024 needs 2");
        refused("chunk-bytes 512\nlv vg/a 1000 " + A + "\nchunk vg/a 0 " + B + "\n",
                "d line 2: vg/a has 1 chunk lines, its size 1000 needs 2");
        refused("chunk-bytes 512\nlv vg/a 0 " + A + "\nlv vg/a 0 " + A + "\n", "d line 3: volume vg/a listed twice");
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> VolumeDigestList.parse(text, "d"))
                .isInstanceOf(VolumeDigestList.MalformedDigestsException.class).hasMessage(message);
    }

    private static String sha(byte[] bytes, int offset, int length) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(bytes, offset, length);
        return HexFormat.of().formatHex(md.digest());
    }
}
