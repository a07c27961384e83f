package io.qrescue.recovery.vm.volume;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The committed small md test arrays (volumes/md-*: one per {@link ArrayVariant}, made by the real mdadm in the
 * appliance), unpacked in memory, and what their oracle files say: the kernel's sha256 and size of each volume,
 * and mdadm --examine of each member.
 */
public final class ArrayFixtures {

    private ArrayFixtures() {
    }

    /** Every committed array fixture (one per variant). */
    public static List<String> names() {
        return Arrays.stream(ArrayVariant.values()).map(ArrayVariant::variantName).toList();
    }

    /** The member images of fixture {@code name} in role order (member-a, member-b, ...). */
    public static List<byte[]> members(String name) {
        List<byte[]> out = new ArrayList<>();
        for (char m = 'a'; m <= 'h'; m++) {
            String resource = "/volumes/" + name + "/member-" + m + ".img.gz";
            try (InputStream in = ArrayFixtures.class.getResourceAsStream(resource)) {
                if (in == null) {
                    break;
                }
                try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
                    out.add(gz.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(resource, e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no members of test array " + name);
        }
        return out;
    }

    /** The members as images to scan, named member-a.img ..., each read with {@code readability} (null: all good). */
    public static List<NamedImage> images(List<byte[]> members, List<Readability> readability) {
        List<NamedImage> out = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String label = "member-" + (char) ('a' + i) + ".img";
            Readability r = readability == null || readability.get(i) == null ? Readability.allReadable()
                    : readability.get(i);
            ImageSource source = RescuedImage.of(label, new ByteArraySource(members.get(i)), r);
            out.add(new NamedImage(label, source));
        }
        return out;
    }

    /** The kernel's view of each volume of {@code name}: "vg1/lv1" → {sha256, size}. */
    public static Map<String, String[]> kernelVolumes(String name) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String lv : List.of("lv1", "lv2")) {
            out.put("vg1/" + lv, VolumeFixtures.oracle(name, "kernel-" + lv + ".txt").trim().split(" "));
        }
        return out;
    }

    /** The fields of mdadm --examine of member {@code index} (0 = member-a): "Raid Level" → "raid5", ... */
    public static Map<String, String> examine(String name, int index) {
        return fields(VolumeFixtures.oracle(name, "mdadm-examine-member-" + (char) ('a' + index) + ".txt"));
    }

    /**
     * The fields of mdadm --detail of the running array: its "Array Size" is the kernel's (--examine prints
     * mdadm's own estimate, which for RAID10 with an odd member count is not what the kernel uses).
     */
    public static Map<String, String> detail(String name) {
        return fields(VolumeFixtures.oracle(name, "mdadm-detail.txt"));
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\s*([A-Za-z][A-Za-z ]*?) : (.*)$", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            out.putIfAbsent(m.group(1).trim(), m.group(2).trim());
        }
        return out;
    }
}
