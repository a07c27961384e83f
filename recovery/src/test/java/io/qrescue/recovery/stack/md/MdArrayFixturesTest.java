package io.qrescue.recovery.stack.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.analysis.StackVolumeCatalog;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.finding.Severity;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeLocation;
import io.qrescue.recovery.vm.volume.ArrayFixtures;
import io.qrescue.recovery.vm.volume.ArrayVariant;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed md test array (made by the real mdadm in the appliance, one per level, layout family and metadata
 * version) read in Java: the geometry as mdadm --examine printed it, and every volume byte-identical to the kernel's
 * view of it (its sha256), from the complete member set and from every set the level tolerates (each member left
 * out in turn; two at a time where the level survives that). A member left stale (failed and removed before more
 * writes) is detected and not read, and the volumes are still what the kernel saw after those writes.
 */
class MdArrayFixturesTest {

    static List<String> fixtures() {
        return ArrayFixtures.names();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void shouldReadEveryVolumeAsTheKernelFromEveryMemberSetTheLevelTolerates(String name) throws Exception {
        ArrayVariant variant = ArrayVariant.byName(name).orElseThrow();
        List<byte[]> members = ArrayFixtures.members(name);
        assertThat(members).hasSize(variant.members());
        Map<String, String[]> kernel = ArrayFixtures.kernelVolumes(name);

        StackAnalysis all = StackAnalysis.analyze(ArrayFixtures.images(members, null));
        ArrayNode array = all.stack().arrays().get(0);
        assertGeometry(name, array);
        assertThat(all.findings()).as(name).noneMatch(f -> f.severity() == Severity.ERROR);
        assertVolumes(name + " (all members)", all, kernel);
        if (variant.staleRole() >= 0) {
            MdMember stale = array.array().members().stream().filter(m -> m.superblock().role() == variant.staleRole()
                    || m.label().equals("member-" + (char) ('a' + variant.staleRole()) + ".img")).findFirst()
                    .orElseThrow();
            assertThat(stale.use()).as(name).isEqualTo(MdMember.Use.STALE);
            assertThat(array.array().missingRoles()).containsExactly(variant.staleRole());
            assertThat(all.findings()).anySatisfy(f -> {
                assertThat(f.structure()).isEqualTo("md member " + stale.label());
                assertThat(f.message()).startsWith("not used: stale");
            });
        }
        int n = members.size();
        MdLayout layout = array.array().layout();
        for (int out1 = 0; out1 < n; out1++) {
            for (int out2 = out1; out2 < n; out2++) {
                boolean[] present = new boolean[n];
                java.util.Arrays.fill(present, true);
                present[out1] = false;
                present[out2] = false;
                if (variant.staleRole() >= 0) {
                    // the stale member is out of the array already; leave out the others one at a time
                    if (out1 != out2 || out1 == variant.staleRole()) {
                        continue;
                    }
                    present[variant.staleRole()] = false;
                    present[out1] = false;
                }
                if (!layout.completeWith(present)) {
                    continue;
                }
                List<NamedImage> subset = new ArrayList<>();
                List<NamedImage> images = ArrayFixtures.images(members, null);
                for (int i = 0; i < n; i++) {
                    if (present[i] || variant.staleRole() == i) {
                        subset.add(images.get(i));
                    }
                }
                String what = name + " without member " + (char) ('a' + out1) + (out2 != out1 ? " and "
                        + (char) ('a' + out2) : "");
                assertVolumes(what, StackAnalysis.analyze(subset), kernel);
            }
        }
    }

    /** Level, layout, chunk, devices and data offsets as mdadm --examine printed them; the kernel's array size. */
    private static void assertGeometry(String name, ArrayNode array) {
        Map<String, String> ex = ArrayFixtures.examine(name, 0);
        MdArray a = array.array();
        assertThat(a.readable()).as(name).isTrue();
        assertThat(a.raidDisks() + "").as(name).isEqualTo(ex.get("Raid Devices"));
        assertThat(a.levelName().toLowerCase(java.util.Locale.ROOT)).as(name).isEqualTo(ex.get("Raid Level"));
        if (ex.containsKey("Chunk Size") && a.layout() instanceof ParityLayout p) {
            assertThat(p.chunkBytes() / 1024 + "K").as(name).isEqualTo(ex.get("Chunk Size"));
            assertThat(ParityLayout.algorithmName(p.algorithm())).as(name).isEqualTo(ex.getOrDefault("Layout",
                    "parity-last"));
        }
        if (a.layout() instanceof Raid10Layout r) {
            assertThat(r.describe()).as(name).startsWith("RAID10 " + ex.get("Layout").replace(" ", ""));
        }
        if (a.layout() instanceof Raid0Layout r && r.zoneCount() > 1) {
            assertThat(r.originalLayout()).as(name).isEqualTo(ex.get("Layout").equals("original"));
        }
        Map<String, String> detail = ArrayFixtures.detail(name);
        if (detail.containsKey("Array Size")) {
            long kib = Long.parseLong(detail.get("Array Size").replaceAll(" .*", ""));
            assertThat(a.sizeBytes()).as(name + " array size").isEqualTo(kib * 1024);
        }
        for (MdMember m : a.members()) {
            int index = m.label().charAt("member-".length()) - 'a';
            Map<String, String> mine = ArrayFixtures.examine(name, index);
            assertThat(m.superblock().dataOffsetSectors() + " sectors").as(name + " " + m.label())
                    .isEqualTo(mine.getOrDefault("Data Offset", "0 sectors"));
            assertThat(m.superblock().version().text()).isEqualTo(mine.get("Version").replace("0.90.00", "0.90"));
        }
    }

    /** Each volume: the kernel's size and sha256, and no damaged byte. */
    private static void assertVolumes(String what, StackAnalysis analysis, Map<String, String[]> kernel)
            throws IOException {
        VolumeCatalog catalog = StackVolumeCatalog.of(analysis);
        for (Map.Entry<String, String[]> e : kernel.entrySet()) {
            VolumeLocation v = catalog.find(e.getKey()).orElse(null);
            assertThat(v).as(what + ": " + e.getKey() + " " + analysis.findings()).isNotNull();
            MappedSource source = v.source();
            assertThat(source.size() + "").as(what + " " + e.getKey()).isEqualTo(e.getValue()[1]);
            List<Damage> damage = source.damageIn(0, source.size());
            assertThat(damage).as(what + " " + e.getKey()).isEmpty();
            assertThat(sha256(source)).as(what + " " + e.getKey()).isEqualTo(e.getValue()[0]);
        }
    }

    static String sha256(MappedSource source) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < source.size(); ) {
                buf.clear();
                int n = source.read(at, buf);
                md.update(buf.array(), 0, n);
                at += n;
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
