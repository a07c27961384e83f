package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.volume.ArrayFixtures;
import io.qrescue.recovery.vm.volume.PayloadFiles;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue extract IMAGE... OUT} on the committed md test arrays: every member in any order, with a member
 * left out, and the bad inputs (members of two arrays, a member given twice or copied, a truncated member, a corrupt
 * superblock): a volume identical to the kernel's view, or one clear line and nothing written.
 */
class ExtractArrayTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<String> args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of("extract"));
        all.addAll(args);
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    }

    /** The members of fixture {@code name} as files name-a.img, name-b.img, ... */
    private List<Path> members(String name) throws Exception {
        List<Path> paths = new ArrayList<>();
        List<byte[]> members = ArrayFixtures.members(name);
        for (int i = 0; i < members.size(); i++) {
            paths.add(Files.write(dir.resolve(name + "-" + (char) ('a' + i) + ".img"), members.get(i)));
        }
        return paths;
    }

    private static List<String> strings(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    private void assertKernelView(String name, String volume, Path output) throws Exception {
        String[] kernel = ArrayFixtures.kernelVolumes(name).get(volume);
        assertThat(Files.size(output) + "").isEqualTo(kernel[1]);
        assertThat(PayloadFiles.sha256(Files.readAllBytes(output))).as(name + " " + volume).isEqualTo(kernel[0]);
    }

    @Test
    void shouldExtractFromEveryMemberInAnyOrderAndWithOneLeftOut() throws Exception {
        List<Path> m = members("md-raid6-ls-1.2");
        Path lv1 = dir.resolve("lv1.raw");
        List<String> args = new ArrayList<>(strings(List.of(m.get(3), m.get(0), m.get(4), m.get(1), m.get(2))));
        args.addAll(List.of(lv1.toString(), "--volume", "vg1/lv1", "-q"));
        assertThat(run(args)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("no damaged bytes");
        assertKernelView("md-raid6-ls-1.2", "vg1/lv1", lv1);

        Path lv2 = dir.resolve("lv2.raw");
        assertThat(run(List.of(m.get(0).toString(), m.get(2).toString(), m.get(4).toString(), lv2.toString(),
                "--volume", "vg1/lv2", "-q"))).as(err.toString()).isZero();
        assertKernelView("md-raid6-ls-1.2", "vg1/lv2", lv2);
    }

    @Test
    void shouldRefuseMembersOfTwoArraysInOneLineAndWriteNothing() throws Exception {
        List<Path> a = members("md-raid5-la-1.2");
        List<Path> b = members("md-raid5-pn-1.2");
        Path o = dir.resolve("o.raw");
        int code = run(List.of(a.get(0).toString(), b.get(1).toString(), a.get(2).toString(), o.toString(),
                "--volume", "vg1/lv1"));
        assertThat(code).isNotZero();
        assertThat(err.toString()).hasLineCount(1).contains("roles 1, 3 missing", "give every member");
        assertThat(o).doesNotExist();
        assertThat(dir.resolve("o.raw.map")).doesNotExist();
    }

    @Test
    void shouldRefuseAMemberGivenTwiceAndUseACopyOfAMemberOnce() throws Exception {
        List<Path> m = members("md-raid5-la-1.2");
        Path o = dir.resolve("o.raw");
        assertThat(run(List.of(m.get(0).toString(), m.get(1).toString(), m.get(1).toString(), m.get(2).toString(),
                o.toString(), "--volume", "vg1/lv1"))).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: " + m.get(1) + ": IMAGE given twice (the same file as " + m.get(1)
                + ")\n");
        assertThat(o).doesNotExist();
        // a copy of member b (another file, the same device): read once, the array degraded without d
        Path copy = Files.copy(m.get(1), dir.resolve("copy-of-b.img"));
        assertThat(run(List.of(m.get(0).toString(), m.get(1).toString(), copy.toString(), m.get(2).toString(),
                o.toString(), "--volume", "vg1/lv1", "-q"))).as(err.toString()).isZero();
        assertKernelView("md-raid5-la-1.2", "vg1/lv1", o);
    }

    @Test
    void shouldHealATruncatedMemberAndSkipACorruptSuperblock() throws Exception {
        List<Path> m = members("md-raid5-la-1.2");
        // member c loses its second half: a 1.2 superblock is still at its start, its data past the end is unreadable
        try (RandomAccessFile f = new RandomAccessFile(m.get(2).toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        Path o = dir.resolve("o.raw");
        assertThat(run(List.of(strings(m).get(0), strings(m).get(1), strings(m).get(2), strings(m).get(3),
                o.toString(), "--volume", "vg1/lv1", "-q"))).as(err.toString()).isZero();
        assertKernelView("md-raid5-la-1.2", "vg1/lv1", o);
        assertThat(run(List.of("--help"))).isZero();

        // a corrupt superblock on member b: its checksum fails, the array is read from the other three
        List<Path> fresh = members("md-raid5-la-1.2");
        try (RandomAccessFile f = new RandomAccessFile(fresh.get(1).toFile(), "rw")) {
            f.seek(4096 + 100);
            f.write(0x5a);
        }
        Path o2 = dir.resolve("o2.raw");
        assertThat(run(List.of(strings(fresh).get(0), strings(fresh).get(1), strings(fresh).get(2),
                strings(fresh).get(3), o2.toString(), "--volume", "vg1/lv1", "-q"))).as(err.toString()).isZero();
        assertKernelView("md-raid5-la-1.2", "vg1/lv1", o2);
        StringWriter analysis = new StringWriter();
        int code = Main.commandLine(new PrintWriter(analysis, true), new PrintWriter(err, true))
                .execute(List.of("analyze", strings(fresh).get(0), strings(fresh).get(1), strings(fresh).get(2),
                        strings(fresh).get(3)).toArray(String[]::new));
        assertThat(code).isZero();
        assertThat(analysis.toString()).contains("member md-raid5-la-1.2-b.img: role 1, events", "bad checksum",
                "sb_csum", "role 1: missing");
    }

    @Test
    void shouldMarkWhatNoMemberGivesBackWhenMembersAreDamaged() throws Exception {
        // RAID0: no redundancy; member b's first MiB of data unreadable per its map
        List<Path> m = members("md-raid0-1.0");
        Path map = Files.writeString(dir.resolve("b.map"), "0 + 1\n0 0x100000 -\n0x100000 0x300000 +\n");
        Path o = dir.resolve("o.raw");
        assertThat(run(List.of(strings(m).get(0), strings(m).get(1), strings(m).get(2), o.toString(), "--volume",
                "vg1/lv1", "--map", dir.resolve("none.map").toString()))).isNotZero(); // a missing map is an error
        assertThat(o).doesNotExist();
        Path ok = Files.writeString(dir.resolve("a.map"), "0 + 1\n0 0x400000 +\n");
        assertThat(run(List.of(strings(m).get(0), strings(m).get(1), strings(m).get(2), o.toString(), "--volume",
                "vg1/lv1", "--map", ok.toString(), "--map", map.toString()))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("damaged: volume", "on md-raid0-1.0-b.img at", "bad-sector",
                "not healable: no other copy");
        Map<String, String[]> kernel = ArrayFixtures.kernelVolumes("md-raid0-1.0");
        assertThat(Files.size(o) + "").isEqualTo(kernel.get("vg1/lv1")[1]);
        String outMap = Files.readString(dir.resolve("o.raw.map"));
        assertThat(outMap).contains("  -\n");
    }
}
