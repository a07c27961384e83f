package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generate mode against GNU ddrescue 1.27: same mapfile (comments aside), same exit code, outfile untouched. */
@Tag("integration")
class ImageGenerateInteropTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"-G", "-G -b 1000 -c 3 -o 500", "-G -c 1", "-G -b 64 -c 5 -i 3000 -s 17000",
            "-G -b 4096"})
    void shouldGenerateLikeDdrescue(String options) throws Exception {
        Path setup = partialCopy(options.hashCode(), null);
        Path[] dirs = ModeInterop.twoCopies(root, setup);
        String[] args = (options + " in.bin out.bin map").split(" ");

        ModeInterop.Outcome gnu = ModeInterop.gnu(dirs[0], args);
        ModeInterop.Outcome ours = ModeInterop.ours(dirs[1], args);

        ModeInterop.assertSame(gnu, ours);
        assertThat(gnu.exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 ?\n", "0 ? 1\n0 40000 ?\n", "0x2000 G 1\n0 0x2000 +\n0x2000 0x8000 ?\n",
            "0 ? 1\n0 100 +\n100 39900 ?\n", "0 + 1\n0 40000 ?\n"})
    void shouldTreatAnExistingMapfileLikeDdrescue(String map) throws Exception {
        Path setup = partialCopy(map.hashCode(), map);
        Path[] dirs = ModeInterop.twoCopies(root, setup);

        ModeInterop.Outcome gnu = ModeInterop.gnu(dirs[0], "-G", "in.bin", "out.bin", "map");
        ModeInterop.Outcome ours = ModeInterop.ours(dirs[1], "-G", "in.bin", "out.bin", "map");

        ModeInterop.assertSame(gnu, ours);
        if (gnu.exitCode() != 0) {
            assertThat(ours.stderr()).isEqualTo(gnu.stderr());
        }
    }

    @Test
    void shouldRefuseAMissingOutfileLikeDdrescue() throws Exception {
        Path setup = partialCopy(1, null);
        Files.delete(setup.resolve("out.bin"));
        Path[] dirs = ModeInterop.twoCopies(root, setup);

        ModeInterop.Outcome gnu = ModeInterop.gnu(dirs[0], "-G", "in.bin", "out.bin", "map");
        ModeInterop.Outcome ours = ModeInterop.ours(dirs[1], "-G", "in.bin", "out.bin", "map");

        ModeInterop.assertSame(gnu, ours);
        assertThat(ours.stderr()).isEqualTo(gnu.stderr());
    }

    /** in.bin of 40000 random bytes and out.bin, a 31000-byte copy of it with zeroed holes. */
    private Path partialCopy(long seed, String map) throws Exception {
        Path setup = Files.createDirectories(root.resolve("setup"));
        Random random = new Random(seed);
        byte[] in = new byte[40000];
        random.nextBytes(in);
        Files.write(setup.resolve("in.bin"), in);
        byte[] out = java.util.Arrays.copyOf(in, 31000);
        for (int hole = 0; hole < 12; hole++) {
            int pos = random.nextInt(out.length);
            java.util.Arrays.fill(out, pos, Math.min(out.length, pos + random.nextInt(3000)), (byte) 0);
        }
        Files.write(setup.resolve("out.bin"), out);
        if (map != null) {
            Files.writeString(setup.resolve("map"), map);
        }
        return setup;
    }
}
