package io.qrescue.recovery.cli;

import io.qrescue.recovery.files.FileTrees;
import io.qrescue.recovery.nbd.NbdExport;
import io.qrescue.recovery.nbd.NbdListener;
import io.qrescue.recovery.nbd.NbdServer;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.volume.DamageSummary;
import io.qrescue.recovery.vm.rescue.BootRescue;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The volumes {@code qrescue boot --volume} hands the VM: each read from the images in Java (md arrays of any
 * level, LVM, the thin pool, QNAP's dialect included, LUKS decrypted) and exported read-only on its own NBD server at a Unix socket in a private
 * temporary directory, with EIO for the bytes the mapfile marks unreadable. {@link #close()} stops the servers and
 * removes the sockets.
 */
final class ServedVolumes implements Closeable {
    private final List<VolumeOptions.OpenedVolume> opened = new ArrayList<>();
    private final List<NbdServer> servers = new ArrayList<>();
    private final List<BootRescue.ServedVolume> served = new ArrayList<>();
    private final AtomicLong refusedReads = new AtomicLong();
    private final Path socketDir;

    private ServedVolumes(Path socketDir) {
        this.socketDir = socketDir;
    }

    /**
     * Opens and serves each of {@code names} ("vg/lv") of {@code images} (every member of a NAS), read with
     * {@code mapfiles} in image order (fewer, or none: those images count as fully read), encrypted ones opened with
     * {@code unlock}.
     */
    static ServedVolumes serve(List<Path> images, List<Path> mapfiles, List<String> names, VolumeCatalogFactory catalogs,
            UnlockOptions unlock) throws CommandFailure, IOException {
        ServedVolumes volumes = new ServedVolumes(Files.createTempDirectory("qrescue-nbd"));
        try {
            for (String name : names) {
                volumes.add(images, mapfiles, name, catalogs, unlock);
            }
            return volumes;
        } catch (CommandFailure | IOException | RuntimeException e) {
            volumes.close();
            throw e;
        }
    }

    private void add(List<Path> images, List<Path> mapfiles, String name, VolumeCatalogFactory catalogs,
            UnlockOptions unlock)
            throws CommandFailure, IOException {
        if (!name.matches(BootRescue.VOLUME_NAME)) {
            throw new CommandFailure("--volume " + name + ": give the volume as VG/LV, e.g. vg1/lv1",
                    ExitCodes.ENVIRONMENT);
        }
        VolumeOptions options = new VolumeOptions();
        options.images = List.copyOf(images);
        options.volume = name;
        options.mapfiles = new ArrayList<>(mapfiles);
        options.unlock = unlock;
        VolumeOptions.OpenedVolume volume = options.open(catalogs);
        opened.add(volume);
        NbdServer server = new NbdServer(new NbdExport(name, volume.location().kind() + " volume " + name + " of "
                + options.imagesText(), volume.reader()), new NbdListener() {
                    @Override
                    public void readRefused(int clientId, long offset, long length, Damage firstDamage) {
                        refusedReads.incrementAndGet();
                    }
                });
        servers.add(server);
        // a socket path must stay under 108 bytes: the private directory is short and the name is numbered
        Path socket = socketDir.resolve("v" + servers.size() + ".sock");
        server.listenUnix(socket);
        served.add(new BootRescue.ServedVolume(name, volume.reader().size(), socket));
    }

    /** How each encrypted volume opened (see {@link VolumeOptions.OpenedVolume#luksLines()}). */
    List<String> luksLines() {
        return opened.stream().flatMap(v -> v.luksLines().stream()).toList();
    }

    /** The volumes as the VM job takes them, in the order asked. */
    List<BootRescue.ServedVolume> served() {
        return List.copyOf(served);
    }

    /** The damaged bytes of every served volume: the guest reads EIO there. */
    long damagedBytes() {
        long total = 0;
        for (VolumeOptions.OpenedVolume v : opened) {
            total += v.reader().damagedBytes();
        }
        return total;
    }

    /**
     * For each served volume with bytes of unknown provenance, "VG/LV: N bytes of unknown provenance: CAUSE"; empty
     * when every byte is vouched for.
     */
    List<String> unknownLines() {
        List<String> out = new ArrayList<>();
        for (VolumeOptions.OpenedVolume v : opened) {
            DamageSummary s = DamageSummary.of(v.reader().damageIn(0, v.reader().size()));
            if (s.hasUnknown()) {
                out.add(v.location().name() + ": " + s.unknownLine());
            }
        }
        return out;
    }

    /** How many reads the servers have answered with EIO so far. */
    long refusedReads() {
        return refusedReads.get();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (NbdServer s : servers) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        for (VolumeOptions.OpenedVolume v : opened) {
            try {
                v.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        FileTrees.deleteTree(socketDir);
        if (first != null) {
            throw first;
        }
    }
}
