package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.QrescueOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue image -d} through a real failing block device: an image served by nbdkit with the team's
 * fault-injection filter, through nbdfuse and a direct-I/O loop device, that returns EIO on chosen sectors
 * ({@code reference/fault-injection/} in the shared directory). The final map must hold exactly
 * the injected bad areas, the rescued bytes must be the image's, and GNU ddrescue must end with the same map.
 * The disk is torn down after each test, pass or fail.
 */
@Tag("integration")
@EnabledOnOs(OS.LINUX)
class ImageFailingDeviceTest {

    private static final Path FAULT_INJECTION = Path.of(System.getProperty("qrescue.shared", "/work/shared"))
            .resolve("reference/fault-injection");
    private static final Path MAKE = FAULT_INJECTION.resolve("make-failing-disk.sh");
    private static final Path TEARDOWN = FAULT_INJECTION.resolve("teardown-failing-disk.sh");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private static final int SIZE = 24 << 20;
    /** Byte ranges {pos, size} that fail with EIO: single sectors, a 64 KiB run across a cluster, the end. */
    private static final long[][] BAD = {
        {0x7D000, 0x200},        // one sector
        {0x2A0C00, 0x200},       // one sector
        {0x400000, 0x200},       // two sectors with one good sector between them
        {0x400400, 0x200},
        {0x9F3200, 0x10000},     // 64 KiB, unaligned, across the 64 KiB cluster boundary at 0xA00000
        {SIZE - 0x1000, 0x400},  // near the end
        {SIZE - 0x200, 0x200},   // the last sector
    };

    @TempDir
    Path work;

    private byte[] data;
    private Path state;
    private String instance;

    @BeforeEach
    void requireRootAndFuse() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "a failing loop device needs root (losetup)");
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "/dev/fuse is missing (nbdfuse needs FUSE)");
        assertThat(MAKE).as("the shared fault-injection scripts (system property qrescue.shared)").isExecutable();
        data = new byte[SIZE];
        new Random(2027).nextBytes(data);
        Files.write(work.resolve("disk.img"), data);
        state = work.resolve("faultdisk");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (instance != null) {
            Result r = run(List.of(TEARDOWN.toString(), instance));
            assertThat(r.code()).as("teardown of %s: %s", instance, r.output()).isZero();
        }
    }

    @Test
    void shouldRescueEverythingButTheBadSectorsLikeGnuDdrescue() throws Exception {
        String loop = failingDisk(BAD);

        Qrescue q = qrescue("-d", loop, "out.img", "out.map");

        assertThat(q.code()).as("exit code; stderr: %s", q.stderr()).isZero();
        assertThat(q.stderr()).doesNotContain("O_DIRECT refused");
        assertThat(blocks("out.map")).as("qrescue's final map").containsExactlyElementsOf(expectedMap(BAD));
        assertFinishedBytesMatch("out.map", "out.img");

        Result gnu = run(List.of("ddrescue", "-d", "-q", loop, "gnu.img", "gnu.map"));
        assertThat(gnu.code()).as("GNU ddrescue: %s", gnu.output()).isZero();
        assertThat(blocks("gnu.map")).as("GNU ddrescue's final map").containsExactlyElementsOf(expectedMap(BAD));
        assertThat(dataLines("out.map")).as("qrescue's map against GNU ddrescue's, comments aside")
                .isEqualTo(dataLines("gnu.map"));
    }

    /**
     * A read that hangs in the nbdkit layer: every request touching 4 sectors at 5 MiB takes 4 s there.
     * {@code --read-timeout=1} gives up on each after 1 s, marks it failed, reopens the device and waits for the
     * stuck request before the next read (nbdkit, FUSE and the loop device serve it first), so no good sector
     * fails behind it: the map holds exactly the 4 hanging sectors as bad.
     */
    @Test
    void shouldGiveUpOnReadsThatHangInTheStackAndFinishWithTheExactMap() throws Exception {
        long[][] hanging = {{0x500000, 0x800}};
        Files.writeString(work.resolve("slow.list"), "# sectors\n" + (0x500000 / 512) + "+4\n");
        String loop = failingDisk("-", work.resolve("slow.list").toString(), "4s");

        Qrescue q = qrescue("-d", "--read-timeout=1", "--log-reads=reads.log", loop, "out.img", "out.map");

        assertThat(q.code()).as("exit code; stderr: %s", q.stderr()).isZero();
        assertThat(blocks("out.map")).as("qrescue's final map").containsExactlyElementsOf(expectedMap(hanging));
        assertFinishedBytesMatch("out.map", "out.img");
        // one timeout for the copying read of the cluster, then one per hanging sector in trimming and scraping; a
        // busy machine may time out a good read elsewhere too, which a later phase reads (the exact map shows it)
        List<String> timedOutOnHangingSectors = Files.readAllLines(work.resolve("reads.log")).stream()
                .filter(l -> l.startsWith("0x") && !l.split("\t")[3].equals("0"))
                .filter(l -> overlaps(l, hanging[0][0], hanging[0][1])).toList();
        assertThat(timedOutOnHangingSectors).as("failed reads touching the hanging sectors").hasSize(5);
        assertThat(q.stderr()).as("the timeouts are reported").contains("read at 0x500000 timed out");
    }

    /** True when the reads-log line's read {@code [Ipos, Ipos + Size)} overlaps {@code [pos, pos + size)}. */
    private static boolean overlaps(String readsLogLine, long pos, long size) {
        String[] f = readsLogLine.trim().split("\\s+");
        long readPos = Long.decode(f[0]);
        long readSize = Long.decode(f[1]);
        return readPos < pos + size && pos < readPos + readSize;
    }

    /** Starts the failing disk; returns its loop device. The instance is torn down after the test. */
    private String failingDisk(long[][] bad) throws IOException {
        Files.writeString(work.resolve("bad.map"), mapfileText(bad));
        return failingDisk(work.resolve("bad.map").toString());
    }

    /** Starts the failing disk with make-failing-disk.sh's {@code BAD_LIST [SLOW_LIST DELAY]} arguments. */
    private String failingDisk(String... lists) throws IOException {
        instance = "qrescue-it-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        List<String> command = new ArrayList<>(List.of(MAKE.toString(), "-n", instance,
                work.resolve("disk.img").toString()));
        command.addAll(List.of(lists));
        Result r = run(command);
        assertThat(r.code()).as("make-failing-disk.sh: %s", r.output()).isZero();
        String[] lines = r.output().strip().split("\n");
        String loop = lines[lines.length - 1].strip();
        assertThat(loop).as("make-failing-disk.sh output: %s", r.output()).matches("/dev/loop\\d+");
        return loop;
    }

    /** The bad list as a ddrescue mapfile: every non-'+' block is bad. */
    private static String mapfileText(long[][] bad) {
        StringBuilder s = new StringBuilder("# bad areas of the failing disk\n0x00000000     ?               1\n");
        for (StatusBlock b : expectedMap(bad)) {
            s.append(String.format("0x%08X  0x%08X  %c%n", b.pos(), b.size(), b.status() == BlockStatus.FINISHED ? '+' : '-'));
        }
        return s.toString();
    }

    /** The whole device finished except {@code bad} (sorted, not adjacent), which is bad-sector. */
    private static List<StatusBlock> expectedMap(long[][] bad) {
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        for (long[] r : bad) {
            if (r[0] > pos) {
                blocks.add(new StatusBlock(pos, r[0] - pos, BlockStatus.FINISHED));
            }
            blocks.add(new StatusBlock(r[0], r[1], BlockStatus.BAD_SECTOR));
            pos = r[0] + r[1];
        }
        if (pos < SIZE) {
            blocks.add(new StatusBlock(pos, SIZE - pos, BlockStatus.FINISHED));
        }
        return blocks;
    }

    private List<StatusBlock> blocks(String map) throws Exception {
        return MapfileReader.read(work.resolve(map), null).blocks().toList();
    }

    private List<String> dataLines(String map) throws IOException {
        return Files.readAllLines(work.resolve(map), StandardCharsets.ISO_8859_1).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    private void assertFinishedBytesMatch(String map, String image) throws Exception {
        try (RandomAccessFile out = new RandomAccessFile(work.resolve(image).toFile(), "r")) {
            for (StatusBlock b : blocks(map)) {
                if (b.status() != BlockStatus.FINISHED) {
                    continue;
                }
                byte[] got = new byte[(int) b.size()];
                out.seek(b.pos());
                out.readFully(got);
                assertThat(Arrays.equals(got, Arrays.copyOfRange(data, (int) b.pos(), (int) b.end())))
                        .as("finished bytes at 0x%X+0x%X equal the image's", b.pos(), b.size()).isTrue();
            }
        }
    }

    private record Qrescue(int code, String stderr) {
    }

    /** {@code qrescue image ARGS} in this JVM, with qrescue's own options taken out as ImageCommand does. */
    private Qrescue qrescue(String... args) throws Exception {
        OwnOptions own = OwnOptions.extract(List.of(args));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ImageRunner.run("qrescue image", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), work, new QrescueOptions(own.latencyLog(), own.guards(), own.queueDepth(), java.util.List.of(), own.addSource()), own.ddrescueArgs().toArray(String[]::new));
        return new Qrescue(code, err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String output) {
    }

    /** Runs {@code command} in the work directory with the fault-injection state under it; stderr to stdout. */
    private Result run(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("FAULTDISK_STATE", state.toString());
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish: " + out);
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
