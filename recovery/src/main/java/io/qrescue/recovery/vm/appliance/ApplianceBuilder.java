package io.qrescue.recovery.vm.appliance;

import io.qrescue.recovery.vm.HostCommand;
import io.qrescue.recovery.vm.VmException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Assembles the recovery appliance from the host: the newest kernel in /boot that has its modules in
 * /lib/modules, busybox-static with all its applets, mdadm, lvm + dmsetup, the thin-provisioning tools,
 * e2fsprogs and cryptsetup with every shared library ldd names (the dynamic loader included), the kernel modules
 * for virtio disks, md, device-mapper thin and crypt, and ext4 in modprobe's dependency order, and the appliance's
 * own scripts.
 */
public final class ApplianceBuilder {
    /** Bumped whenever the build recipe changes in a way the scripts' digest does not show. */
    public static final String BUILDER_VERSION = "5";
    /** Every entry of the archive carries this modification time, so equal inputs give equal bytes. */
    static final long FIXED_MTIME_SECONDS = 0;

    static final List<String> PACKAGES = List.of("busybox-static", "mdadm", "lvm2", "dmsetup",
            "thin-provisioning-tools", "e2fsprogs", "kmod", "cryptsetup-bin");
    static final List<String> PROGRAMS = List.of("/usr/sbin/mdadm", "/usr/sbin/lvm", "/usr/sbin/dmsetup",
            "/usr/sbin/pdata_tools", "/usr/sbin/mke2fs", "/usr/sbin/e2fsck", "/usr/sbin/debugfs", "/usr/sbin/dumpe2fs",
            "/usr/sbin/cryptsetup");
    static final List<String> LVM_COMMANDS = List.of("pvcreate", "pvs", "pvscan", "pvdisplay", "vgcreate", "vgs",
            "vgscan", "vgchange", "vgdisplay", "vgcfgbackup", "vgcfgrestore", "vgck", "lvcreate", "lvs", "lvchange",
            "lvdisplay", "lvremove", "lvscan");
    static final List<String> THIN_COMMANDS = List.of("thin_check", "thin_dump", "thin_repair", "thin_restore",
            "thin_ls", "thin_rmap", "thin_metadata_size");
    static final List<String> MODULES = List.of("virtio_pci", "virtio_blk", "linear", "raid0", "raid1", "raid10", "raid456", "dm-mod",
            "dm-bufio", "dm-persistent-data", "dm-thin-pool", "dm-snapshot", "ext4", "crc32c_generic",
            // dm-crypt with the ciphers LUKS volumes use (aes, cbc and sha256 are built in), and the kernel crypto
            // API for user space, through which cryptsetup decrypts key slots
            "dm-crypt", "xts", "essiv", "algif_skcipher", "algif_hash");
    static final String SCRIPTS = "/io/qrescue/recovery/vm/appliance/";

    private final Path bootDir;
    private final Path modulesDir;
    private final Path busybox;

    /** A builder that takes everything from this host's /boot, /lib/modules and /bin/busybox. */
    public ApplianceBuilder() {
        this(Path.of("/boot"), Path.of("/lib/modules"), Path.of("/bin/busybox"));
    }

    /** A builder reading kernels from {@code bootDir} and modules from {@code modulesDir} (tests: empty dirs). */
    public ApplianceBuilder(Path bootDir, Path modulesDir, Path busybox) {
        this.bootDir = bootDir;
        this.modulesDir = modulesDir;
        this.busybox = busybox;
    }

    /** ~/.cache/qrescue/appliance, or under $XDG_CACHE_HOME when set. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("qrescue").resolve("appliance");
    }

    /** The newest kernel release that has both /boot/vmlinuz-RELEASE and /lib/modules/RELEASE. */
    public String kernelRelease() throws VmException {
        List<String> releases = new ArrayList<>();
        if (Files.isDirectory(modulesDir)) {
            try (Stream<Path> dirs = Files.list(modulesDir)) {
                dirs.map(p -> p.getFileName().toString())
                        .filter(r -> Files.isRegularFile(bootDir.resolve("vmlinuz-" + r)))
                        .forEach(releases::add);
            } catch (IOException e) {
                throw new VmException(modulesDir + ": " + e.getMessage(), e);
            }
        }
        return releases.stream().max(Comparator.comparing(KernelReleases::sortKey))
                .orElseThrow(() -> new VmException("no kernel: no " + bootDir + "/vmlinuz-RELEASE with modules in "
                        + modulesDir + "/RELEASE; install one: apt-get install linux-image-amd64"));
    }

    /** The stamp of what a build would use now (asks dpkg; fails when a package is missing). */
    public ApplianceStamp currentStamp() throws VmException {
        String release = kernelRelease();
        List<String> packages = new ArrayList<>(PACKAGES);
        packages.add("linux-image-" + release);
        Map<String, String> versions;
        try {
            versions = HostPackages.versions(packages);
        } catch (VmException e) {
            throw new VmException(e.getMessage().replace("linux-image-" + release + ";", "linux-image-" + release
                    + " (or linux-image-amd64);"), e);
        }
        return new ApplianceStamp(BUILDER_VERSION, scriptsSha256(), release, versions);
    }

    /** The appliance in {@code cacheDir}: reused when its stamp matches the host, otherwise built there first. */
    public ApplianceBuild ensure(Path cacheDir) throws IOException {
        long startNanos = System.nanoTime();
        ApplianceStamp stamp = currentStamp();
        Path kernel = cacheDir.resolve("vmlinuz");
        Path initramfs = cacheDir.resolve("initramfs.cpio.gz");
        Path stampFile = cacheDir.resolve("stamp.txt");
        Path vmlinux = cacheDir.resolve("vmlinux");
        Appliance appliance = new Appliance(bootKernel(kernel, vmlinux), initramfs, stamp, cacheDir);
        if (Files.isRegularFile(appliance.kernel()) && Files.isRegularFile(initramfs) && Files.isRegularFile(stampFile)
                && Files.readString(stampFile).equals(stamp.text())) {
            return new ApplianceBuild(appliance, false, millisSince(startNanos), Files.size(initramfs), 0, 0, 0);
        }
        Files.createDirectories(cacheDir);
        Files.deleteIfExists(stampFile);
        Contents contents = assemble(stamp);
        Path tmpInitramfs = cacheDir.resolve("initramfs.cpio.gz.tmp");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmpInitramfs), 1 << 16);
             OutputStream gzip = new FixedGzipOutputStream(file)) {
            contents.tree().writeCpio(gzip, FIXED_MTIME_SECONDS);
        }
        Files.move(tmpInitramfs, initramfs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path bzImage = bootDir.resolve("vmlinuz-" + stamp.kernelRelease());
        Files.deleteIfExists(vmlinux);
        if (!KernelUnpacker.unpack(bzImage, bootDir.resolve("config-" + stamp.kernelRelease()), vmlinux)) {
            Path tmpKernel = cacheDir.resolve("vmlinuz.tmp");
            Files.copy(bzImage, tmpKernel, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmpKernel, kernel, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        appliance = new Appliance(bootKernel(kernel, vmlinux), initramfs, stamp, cacheDir);
        Path tmpStamp = cacheDir.resolve("stamp.txt.tmp");
        Files.writeString(tmpStamp, stamp.text());
        Files.move(tmpStamp, stampFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ApplianceBuild(appliance, true, millisSince(startNanos), Files.size(initramfs),
                PROGRAMS.size(), contents.libraryCount(), contents.moduleCount());
    }

    /** The unpacked vmlinux when the build made one (faster boot), else the bzImage copy. */
    private static Path bootKernel(Path bzImage, Path vmlinux) {
        return Files.isRegularFile(vmlinux) ? vmlinux : bzImage;
    }

    /** What goes into the initramfs, with counts for the report. */
    record Contents(InitramfsTree tree, int libraryCount, int moduleCount) {
    }

    /** Collects the whole tree from the host (runs busybox, ldd and modprobe). */
    Contents assemble(ApplianceStamp stamp) throws IOException {
        InitramfsTree tree = new InitramfsTree();
        for (String dir : List.of("proc", "sys", "dev", "run", "tmp", "mnt", "job", "res", "x", "root", "etc/lvm",
                "etc/mdadm", "lib/x86_64-linux-gnu", "lib64", "usr/bin", "usr/sbin")) {
            tree.directory(dir);
        }
        tree.symlink("sbin", "usr/sbin");
        tree.hostFile("bin/busybox", busybox, 0755);
        String applets = HostCommand.run(List.of(busybox.toString(), "--list"), Duration.ofSeconds(30)).stdout();
        for (String applet : applets.split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                tree.symlinkIfAbsent("bin/" + applet.trim(), "busybox");
            }
        }
        int libraries = addPrograms(tree);
        for (String name : LVM_COMMANDS) {
            tree.symlink("usr/sbin/" + name, "lvm");
        }
        for (String name : THIN_COMMANDS) {
            tree.symlink("usr/sbin/" + name, "pdata_tools");
        }
        tree.symlink("usr/sbin/mkfs.ext4", "mke2fs");
        tree.symlink("usr/sbin/fsck.ext4", "e2fsck");
        List<String> order = moduleOrder(stamp.kernelRelease(), tree);
        tree.text("etc/qrescue/modules.order", String.join("\n", order) + "\n", 0644);
        tree.text("etc/qrescue/stamp", stamp.text(), 0644);
        tree.text("init", script("init"), 0755);
        tree.text("usr/lib/qrescue/console", script("console"), 0755);
        tree.text("etc/lvm/lvm.conf", script("lvm.conf"), 0644);
        tree.text("etc/mdadm/mdadm.conf", "DEVICE partitions\n", 0644);
        tree.text("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644);
        tree.text("etc/group", "root:x:0:\n", 0644);
        return new Contents(tree, libraries, order.size());
    }

    private int addPrograms(InitramfsTree tree) throws VmException {
        Map<String, Boolean> libraries = new LinkedHashMap<>();
        for (String program : PROGRAMS) {
            Path path = Path.of(program);
            if (!Files.isRegularFile(path)) {
                throw new VmException(program + " not found; install it: apt-get install " + String.join(" ", PACKAGES));
            }
            tree.hostFile(program, path, 0755);
            String ldd = HostCommand.run(List.of("ldd", program), Duration.ofSeconds(30)).stdout();
            List<String> missing = LddOutput.missing(ldd);
            if (!missing.isEmpty()) {
                throw new VmException(program + ": ldd cannot find " + String.join(", ", missing));
            }
            List<String> libs = LddOutput.libraries(ldd);
            // without the loader (the ELF interpreter) every tool fails with "not found" inside the appliance
            if (libs.stream().noneMatch(l -> l.contains("/ld-linux"))) {
                throw new VmException(program + ": ldd named no dynamic loader (ld-linux); cannot build the appliance");
            }
            libs.forEach(l -> libraries.put(l, true));
        }
        for (String library : libraries.keySet()) {
            tree.hostFile(library, Path.of(library), 0755);
        }
        return libraries.size();
    }

    private List<String> moduleOrder(String release, InitramfsTree tree) throws VmException {
        Map<String, String> order = new LinkedHashMap<>();
        String prefix = modulesDir.resolve(release) + "/";
        for (String module : MODULES) {
            HostCommand.Result r = HostCommand.run(List.of("modprobe", "-S", release, "--show-depends", module),
                    Duration.ofSeconds(30));
            if (!r.ok()) {
                throw new VmException("modprobe -S " + release + " --show-depends " + module + ": "
                        + r.stderr().trim());
            }
            for (ModuleDependencies.ModuleLoad load : ModuleDependencies.parse(r.stdout())) {
                if (!load.path().startsWith(prefix)) {
                    throw new VmException("module " + load.path() + " is outside " + prefix);
                }
                String relative = load.path().substring(prefix.length());
                if (!order.containsKey(relative)) {
                    order.put(relative, load.arguments());
                    tree.hostFile("lib/modules/" + relative, Path.of(load.path()), 0644);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        order.forEach((path, args) -> lines.add(args.isEmpty() ? path : path + " " + args));
        return lines;
    }

    /** The text of one of the appliance's scripts shipped as a class-path resource. */
    static String script(String name) {
        try (InputStream in = ApplianceBuilder.class.getResourceAsStream(SCRIPTS + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCRIPTS + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("resource " + SCRIPTS + name + ": " + e.getMessage(), e);
        }
    }

    static String scriptsSha256() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : List.of("init", "console", "lvm.conf")) {
                sha.update(script(name).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** gzip at level 9 whose header is always the same 10 bytes (Java writes no time and no name). */
    private static final class FixedGzipOutputStream extends GZIPOutputStream {
        FixedGzipOutputStream(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
