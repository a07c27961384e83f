package io.qrescue.recovery.vm.seed;

import io.qrescue.recovery.vm.console.CommandResult;
import io.qrescue.recovery.vm.console.ConsoleException;
import io.qrescue.recovery.vm.console.ShellSession;
import io.qrescue.recovery.vm.lvmfix.StockRewrite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs the seed recipe on a logged-in shell as a plan of steps: {@code mdadm --examine --scan};
 * {@code mdadm --assemble --run -o /dev/mdN --uuid=...} per data array; {@code vgs} (and, if the VM's lvm
 * refuses a VG the host has a stock form of, {@code vgcfgrestore --force} of it into the overlay); {@code lvs};
 * {@code lvchange -ay} and {@code mount -t ext4 -o ro} per data volume; sha256 of every file in the VM; tar of
 * everything onto the output disk. A step that fails is reported with the tool's own last words, and the plan
 * goes on with what still can be done. Never writes anything but the overlay and the output disk.
 */
public final class SeedRecovery {

    /** Where the volumes are mounted in the VM: ROOT/vg/lv. */
    static final String ROOT = "/mnt/qrescue";
    /** The guest's sha256 list, written beside the mount points and carried in the tar. */
    public static final String GUEST_SUMS = "QRESCUE-GUEST.sha256";
    static final String METADATA_FILE_PREFIX = "/tmp/qrescue-";
    // Only md devices (and QNAP's DRBD on top of them) are PVs: a metadata-1.0 member shows the same LVM label
    // at its start, and lvm must not take the member for the PV.
    static final String LVM_CONFIG = "--config 'devices { filter=[\"a|^/dev/md|\",\"a|^/dev/drbd|\",\"r|.*|\"] }'";
    private static final Pattern REFUSED_VG = Pattern.compile(
            "Unrecognised segment type|Cannot process volume group|segments corrupted|Unknown status flag");
    private static final int CHUNK_CHARS = 2000;

    private final ShellSession shell;
    private final SeedOptions options;
    private final Consumer<SeedStep> listener;
    private final List<SeedStep> steps = new ArrayList<>();
    private final List<String> mounted = new ArrayList<>();

    /** @param listener told of each step as it ends (the CLI prints progress from it) */
    public SeedRecovery(ShellSession shell, SeedOptions options, Consumer<SeedStep> listener) {
        this.shell = shell;
        this.options = options;
        this.listener = listener;
    }

    /** Runs the plan; the report is complete even when the console is lost half-way (its last step says so). */
    public SeedReport run() {
        boolean copied = false;
        boolean sums = false;
        try {
            List<String> assembled = assemble();
            if (!assembled.isEmpty()) {
                restoreRefusedGroups(assembled);
                List<LvRow> volumes = listVolumes();
                for (LvRow lv : volumes) {
                    if (lv.holdsData()) {
                        activateAndMount(lv);
                    } else if (lv.segtype().equals("snapshot")) {
                        skip("activate", lv.path(), "old-style COW snapshot (QNAP 'snapShots'); its origin is copied");
                    }
                }
                if (mounted.isEmpty()) {
                    skip("copy", "-", "nothing could be mounted");
                } else if (outputDeviceMatches()) {
                    sums = guestSums();
                    copied = copy();
                }
            }
        } catch (ConsoleException e) {
            record(new SeedStep("console", "-", "", SeedStep.Outcome.FAILED, -1, e.getMessage(), e.consoleTail(), 0));
        }
        return new SeedReport(steps, mounted, copied, sums);
    }

    private List<String> assemble() throws ConsoleException {
        SeedStep scan = step("examine", "-", "mdadm --examine --scan", options.stepTimeout(), null);
        List<String> assembled = new ArrayList<>();
        if (!scan.ok()) {
            return assembled;
        }
        List<SeedArray> arrays = SeedArray.parseScan(scan.output());
        if (arrays.isEmpty()) {
            record(new SeedStep("examine", "-", "", SeedStep.Outcome.FAILED, -1,
                    "no md superblock on any disk (mdadm --examine --scan printed no ARRAY line)", scan.output(), 0));
            return assembled;
        }
        Set<String> used = new HashSet<>();
        int next = 100;
        for (SeedArray array : arrays) {
            if (array.isQnapSystemArray()) {
                skip("assemble", array.device(), "QNAP system array (name " + array.shortName() + "), not a data pool");
                continue;
            }
            String device = array.shortName().matches("\\d{1,3}") && !used.contains("/dev/md" + array.shortName())
                    ? "/dev/md" + array.shortName() : "/dev/md" + next++;
            used.add(device);
            // -o: read-only; --run: start even with members missing (a single rescued disk of a RAID1)
            SeedStep step = step("assemble", device, "mdadm --assemble --run -o " + device + " --uuid=" + array.uuid(),
                    options.stepTimeout(), null);
            if (step.ok()) {
                assembled.add(device);
            }
        }
        return assembled;
    }

    /** If the VM's lvm refuses a VG the host made a stock form of, restore that form into the overlay. */
    private void restoreRefusedGroups(List<String> assembled) throws ConsoleException {
        SeedStep vgs = step("vgs", "-", options.lvm() + " vgs " + LVM_CONFIG, options.stepTimeout(), null, true);
        for (Map.Entry<String, StockRewrite> fix : options.stockMetadata().entrySet()) {
            String vg = fix.getKey();
            boolean refused = REFUSED_VG.matcher(vgs.output()).find() || !vgs.ok()
                    || !Pattern.compile("(?m)^\\s*" + Pattern.quote(vg) + "\\s").matcher(vgs.output()).find();
            if (!refused) {
                continue;
            }
            if (!options.imagesBehindOverlay()) {
                skip("metadata", vg, "the VM's lvm refuses " + vg + ", and a stock form was made on the host, but the "
                        + "images are not behind an overlay: restoring it would write them");
                continue;
            }
            for (String md : assembled) {
                // writes go to qemu's throw-away overlay (snapshot=on); the image file stays as it was
                step("metadata", md, "mdadm --readwrite " + md, options.stepTimeout(), null);
            }
            String file = METADATA_FILE_PREFIX + vg + ".vg";
            if (!typeFile(file, fix.getValue().restoreText(), vg)) {
                continue;
            }
            step("metadata", vg, options.lvm() + " vgcfgrestore " + LVM_CONFIG + " --force -f " + file + " " + vg,
                    options.stepTimeout(), "stock form restored into the overlay: "
                            + String.join("; ", fix.getValue().changes()));
        }
        if (steps.stream().anyMatch(s -> s.kind().equals("metadata") && s.ok())) {
            step("vgs", "-", options.lvm() + " vgs " + LVM_CONFIG, options.stepTimeout(), null, true);
        }
    }

    private boolean typeFile(String file, String text, String vg) throws ConsoleException {
        if (!step("metadata", file, ": > " + file, options.stepTimeout(), null).ok()) {
            return false;
        }
        List<String> lines = List.of(text.split("\n", -1));
        StringBuilder chunk = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            boolean last = i == lines.size() - 1;
            if (!(last && lines.get(i).isEmpty())) {
                chunk.append(" '").append(lines.get(i).replace("'", "'\\''")).append('\'');
            }
            if (chunk.length() > CHUNK_CHARS || last && chunk.length() > 0) {
                CommandResult r = shell.run("printf '%s\\n'" + chunk + " >> " + file, options.stepTimeout());
                chunk.setLength(0);
                if (!r.succeeded()) {
                    record(fromResult("metadata", file, r, "typing the stock metadata of " + vg + " failed: "
                            + r.lastLine()));
                    return false;
                }
            }
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        CommandResult size = shell.run("wc -c < " + file, options.stepTimeout());
        boolean whole = size.succeeded() && size.output().strip().equals(Integer.toString(bytes));
        record(new SeedStep("metadata", file, size.command(), whole ? SeedStep.Outcome.OK : SeedStep.Outcome.FAILED,
                size.exitStatus(), whole ? "typed " + bytes + " bytes" : "typed " + bytes + " bytes, the VM has "
                        + size.output().strip(), size.output(), size.elapsedMillis()));
        return whole;
    }

    private List<LvRow> listVolumes() throws ConsoleException {
        SeedStep lvs = step("lvs", "-", options.lvm() + " lvs -a --noheadings --separator '|' -o " + LvRow.FIELDS + " "
                + LVM_CONFIG, options.stepTimeout(), null);
        List<LvRow> rows = lvs.ok() ? LvRow.parse(lvs.output()) : List.of();
        if (lvs.ok() && rows.stream().noneMatch(LvRow::holdsData)) {
            record(new SeedStep("lvs", "-", "", SeedStep.Outcome.FAILED, -1,
                    "no volume that can hold files (thin or linear LV) in any VG", lvs.output(), 0));
        }
        return rows;
    }

    private void activateAndMount(LvRow lv) throws ConsoleException {
        String skipFlag = lv.skipsActivation() ? " -K" : "";
        SeedStep activate = step("activate", lv.path(), options.lvm() + " lvchange -ay" + skipFlag + " " + LVM_CONFIG
                + " " + lv.path(), options.stepTimeout(), null);
        if (!activate.ok()) {
            return;
        }
        String dir = ROOT + "/" + lv.vg() + "/" + lv.lv();
        String mount = "mkdir -p " + dir + " && mount -t ext4 -o ro /dev/" + lv.path() + " " + dir;
        CommandResult first = shell.run(mount, options.stepTimeout());
        if (first.succeeded()) {
            record(fromResult("mount", lv.path(), first, "read-only at " + dir));
            mounted.add(lv.path());
            return;
        }
        // a journal that needs replaying cannot be replayed on a read-only device: mount without it
        CommandResult noload = shell.run("mount -t ext4 -o ro,noload /dev/" + lv.path() + " " + dir,
                options.stepTimeout());
        if (noload.succeeded()) {
            record(fromResult("mount", lv.path(), noload, "read-only without replaying the journal (plain ro failed: "
                    + first.lastLine() + "); files changed just before the NAS stopped may be older"));
            mounted.add(lv.path());
        } else {
            record(fromResult("mount", lv.path(), first, first.lastLine()));
        }
    }

    private boolean outputDeviceMatches() throws ConsoleException {
        String name = options.outputDevice().substring("/dev/".length());
        SeedStep size = step("copy", options.outputDevice(), "cat /sys/block/" + name + "/size", options.stepTimeout(),
                null);
        if (!size.ok()) {
            return false;
        }
        if (!size.output().strip().equals(Long.toString(options.outputDeviceSectors()))) {
            record(new SeedStep("copy", options.outputDevice(), "", SeedStep.Outcome.FAILED, -1,
                    "refusing to write: " + options.outputDevice() + " has " + size.output().strip()
                            + " sectors, the output disk has " + options.outputDeviceSectors(), "", 0));
            return false;
        }
        return true;
    }

    private boolean guestSums() throws ConsoleException {
        CommandResult has = shell.run("command -v sha256sum", options.stepTimeout());
        if (!has.succeeded()) {
            skip("sha256", "-", "no sha256sum in the VM: the host lists the files without a cross-check");
            return false;
        }
        String list = "cd " + ROOT + " && find . -type f ! -path ./" + GUEST_SUMS
                + " | sort | while IFS= read -r f; do sha256sum \"$f\"; done > " + ROOT + "/" + GUEST_SUMS;
        return step("sha256", "-", list, options.copyTimeout(), null).ok();
    }

    private boolean copy() throws ConsoleException {
        SeedStep tar = step("copy", options.outputDevice(), "tar -cf " + options.outputDevice() + " -C " + ROOT + " . && sync",
                options.copyTimeout(), "files of " + String.join(", ", mounted) + " written as a tar");
        return tar.ok();
    }

    private SeedStep step(String kind, String name, String command, Duration timeout, String okMessage)
            throws ConsoleException {
        return step(kind, name, command, timeout, okMessage, false);
    }

    /** Runs one command as a step; {@code informational}: a failure is recorded as output, not as a failed step. */
    private SeedStep step(String kind, String name, String command, Duration timeout, String okMessage,
                          boolean informational) throws ConsoleException {
        CommandResult r = shell.run(command, timeout);
        String message;
        if (!r.ended()) {
            message = "no end within " + timeout.toSeconds() + " s";
        } else if (r.succeeded()) {
            message = okMessage != null ? okMessage : r.lastLine();
        } else {
            message = "exit " + r.exitStatus() + ": " + r.lastLine();
        }
        SeedStep step = fromResult(kind, name, r, message);
        if (informational && !step.ok()) {
            step = new SeedStep(kind, name, command, SeedStep.Outcome.OK, r.exitStatus(), "lvm said: " + r.lastLine(),
                    r.output(), r.elapsedMillis());
        }
        record(step);
        return !informational ? step : fromResult(kind, name, r, message);
    }

    private static SeedStep fromResult(String kind, String name, CommandResult r, String message) {
        SeedStep.Outcome outcome = !r.ended() ? SeedStep.Outcome.TIMED_OUT
                : r.succeeded() ? SeedStep.Outcome.OK : SeedStep.Outcome.FAILED;
        return new SeedStep(kind, name, r.command(), outcome, r.exitStatus(), message, r.output(), r.elapsedMillis());
    }

    private void skip(String kind, String name, String why) {
        record(new SeedStep(kind, name, "", SeedStep.Outcome.SKIPPED, -1, why, "", 0));
    }

    private void record(SeedStep step) {
        steps.add(step);
        listener.accept(step);
    }
}
