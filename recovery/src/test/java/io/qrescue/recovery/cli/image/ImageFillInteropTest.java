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

/** Fill mode against GNU ddrescue 1.27: same outfile bytes, same mapfile (comments aside), same exit code. */
@Tag("integration")
class ImageFillInteropTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"-F+", "-F?", "-F-l", "-F/*l -b256 -c3", "-F?-+ -c1", "-F+l -o 1000",
            "-F-? -i 3000 -s 20000", "-F+?l -b 100 -c 7 -y", "-F* -o 5 -i 7"})
    void shouldFillLikeDdrescue(String options) throws Exception {
        Path setup = Files.createDirectories(root.resolve("setup"));
        Random random = new Random(options.hashCode());
        byte[] fill = new byte[1 + random.nextInt(900)];
        random.nextBytes(fill);
        Files.write(setup.resolve("fill.bin"), fill);
        byte[] out = new byte[30000];
        random.nextBytes(out);
        Files.write(setup.resolve("out.bin"), out);
        Files.writeString(setup.resolve("map"), randomMap(random, 40000));

        Path[] dirs = ModeInterop.twoCopies(root, setup);
        String[] args = (options + " fill.bin out.bin map").split(" ");
        ModeInterop.Outcome gnu = ModeInterop.gnu(dirs[0], args);
        ModeInterop.Outcome ours = ModeInterop.ours(dirs[1], args);

        ModeInterop.assertSame(gnu, ours);
        assertThat(gnu.exitCode()).isZero();
    }

    @Test
    void shouldRefuseAMissingMapfileLikeDdrescue() throws Exception {
        Path setup = Files.createDirectories(root.resolve("setup"));
        Files.writeString(setup.resolve("fill.bin"), "x");
        Path[] dirs = ModeInterop.twoCopies(root, setup);

        ModeInterop.Outcome gnu = ModeInterop.gnu(dirs[0], "-F+", "fill.bin", "out.bin", "map");
        ModeInterop.Outcome ours = ModeInterop.ours(dirs[1], "-F+", "fill.bin", "out.bin", "map");

        ModeInterop.assertSame(gnu, ours);
        assertThat(ours.stderr()).isEqualTo(gnu.stderr()).isEqualTo(
                "ddrescue: map: Mapfile does not exist or is not readable.\n");
    }

    @Test
    void shouldRefuseAnEmptyFillFileLikeDdrescue() throws Exception {
        Path setup = Files.createDirectories(root.resolve("setup"));
        Files.writeString(setup.resolve("fill.bin"), "");
        Files.writeString(setup.resolve("map"), "0 + 1\n0 100 +\n");
        Path[] dirs = ModeInterop.twoCopies(root, setup);

        ModeInterop.Outcome gnu = ModeInterop.gnu(dirs[0], "-F+", "fill.bin", "out.bin", "map");
        ModeInterop.Outcome ours = ModeInterop.ours(dirs[1], "-F+", "fill.bin", "out.bin", "map");

        ModeInterop.assertSame(gnu, ours);
        assertThat(ours.stderr()).isEqualTo(gnu.stderr());
    }

    /** A map of blocks of every status, of sizes from 1 byte to 4 KiB, covering {@code [0, size)}. */
    static String randomMap(Random random, long size) {
        String statuses = "?*/-+";
        StringBuilder map = new StringBuilder("0x00000000 ? 1\n");
        long pos = 0;
        while (pos < size) {
            long blockSize = Math.min(size - pos, 1 + random.nextInt(4096));
            map.append(String.format("0x%08X  0x%08X  %c%n", pos, blockSize,
                    statuses.charAt(random.nextInt(statuses.length()))));
            pos += blockSize;
        }
        return map.toString();
    }
}
