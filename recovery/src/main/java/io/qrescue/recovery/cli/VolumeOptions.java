package io.qrescue.recovery.cli;

import io.qrescue.recovery.cli.gnu.NumberArg;
import io.qrescue.recovery.cli.gnu.UsageException;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeCatalogException;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.volume.VolumeLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.luks.LuksUnlocker;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The images (every member of a NAS, in any order; set by the command from its operands), the volume on them
 * ({@code --volume}, or {@code --offset}/{@code --length} of a single image), their mapfiles (in image order) and
 * the secrets that open it when it is encrypted: shared by extract, serve and boot --volume.
 */
final class VolumeOptions {

    /** The rescued disk images (or devices), read only; the command fills this from its operands. */
    List<Path> images = List.of();

    @Option(names = "--volume", paramLabel = "NAME", description = "the volume to use, e.g. vg1/lv1")
    String volume;

    @Option(names = "--offset", paramLabel = "BYTES",
            description = "instead of --volume: the volume is IMAGE's bytes from BYTES (suffixes as ddrescue: Ki, Mi, s)")
    String offset;

    @Option(names = "--length", paramLabel = "BYTES", description = "with --offset: the volume's size")
    String length;

    @Option(names = {"-m", "--map"}, paramLabel = "MAPFILE",
            description = "ddrescue mapfile of an IMAGE (repeat in IMAGE order): bytes it does not mark finished are"
                    + " damaged; an md array takes them from its other members where it can")
    List<Path> mapfiles = new ArrayList<>();

    @Mixin
    UnlockOptions unlock = new UnlockOptions();

    /**
     * The images opened read-only (each with its mapfile), the chosen volume on them, and when the volume is
     * LUKS-encrypted (and not {@code --raw}) how it opened ({@code luks}, else null).
     */
    record OpenedVolume(List<RescuedImage> images, VolumeLocation location, LuksUnlocker.Opened luks)
            implements AutoCloseable {

        /** The volume's bytes and damage: decrypted when it was unlocked. */
        ImageSource reader() {
            return luks != null ? luks.source() : location.source();
        }

        /** The lines saying how an encrypted volume opened (none for a plain one). */
        List<String> luksLines() {
            return luks == null ? List.of() : UnlockOptions.describe(location.name(), luks);
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (RescuedImage i : images) {
                try {
                    i.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** The images for messages, as given: "disk1.img" or "disk1.img, disk2.img, disk3.img". */
    String imagesText() {
        return images.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    OpenedVolume open(VolumeCatalogFactory catalogs) throws CommandFailure {
        boolean region = offset != null || length != null;
        if (region == (volume != null)) {
            throw new CommandFailure("give either --volume NAME or --offset BYTES --length BYTES", ExitCodes.ENVIRONMENT);
        }
        if (region && (offset == null || length == null)) {
            throw new CommandFailure("--offset and --length go together", ExitCodes.ENVIRONMENT);
        }
        if (region && images.size() != 1) {
            throw new CommandFailure("--offset and --length take one IMAGE, not " + images.size(), ExitCodes.ENVIRONMENT);
        }
        if (mapfiles.size() > images.size()) {
            throw new CommandFailure("give at most one --map per IMAGE, in IMAGE order (" + images.size() + " images, "
                    + mapfiles.size() + " mapfiles)", ExitCodes.ENVIRONMENT);
        }
        ImageOperands.checkReadable(images);
        refuseTwice(images, "IMAGE");
        refuseTwice(mapfiles, "--map");
        List<RescuedImage> opened = ImageOperands.open(images, ImageOperands.readability(mapfiles));
        try {
            VolumeLocation location = region ? region(opened.get(0)) : named(catalogs, opened);
            return new OpenedVolume(List.copyOf(opened), location, unlock.open(location.name(), location.source()));
        } catch (CommandFailure | RuntimeException e) {
            ImageOperands.closeAll(opened);
            throw e;
        }
    }

    /** Two operands naming the same file: a member given twice would count as two members. */
    private static void refuseTwice(List<Path> paths, String what) throws CommandFailure {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (sameFile(paths.get(i), paths.get(j))) {
                    throw new CommandFailure(paths.get(j) + ": " + what + " given twice (the same file as "
                            + paths.get(i) + ")", ExitCodes.ENVIRONMENT);
                }
            }
        }
    }

    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private VolumeLocation region(RescuedImage source) throws CommandFailure {
        long imageSize = source.size();
        long from;
        long size;
        try {
            from = NumberArg.parse(offset, "--offset", 512, 0, Long.MAX_VALUE);
            size = NumberArg.parse(length, "--length", 512, 1, Long.MAX_VALUE - from);
        } catch (UsageException e) {
            throw new CommandFailure(e.getMessage(), ExitCodes.ENVIRONMENT);
        }
        if (from + size > imageSize) {
            throw new CommandFailure(images.get(0) + ": the region " + from + "+" + size + " ends at " + (from + size)
                    + ", past the image's end at " + imageSize, ExitCodes.ENVIRONMENT);
        }
        return VolumeLocation.region("region@" + from + "+" + size, source, from, size);
    }

    private VolumeLocation named(VolumeCatalogFactory catalogs, List<RescuedImage> sources) throws CommandFailure {
        VolumeCatalog catalog;
        List<NamedImage> named = new ArrayList<>();
        for (RescuedImage s : sources) {
            named.add(new NamedImage(s.name(), s));
        }
        try {
            catalog = catalogs.open(named);
        } catch (VolumeCatalogException e) {
            throw new CommandFailure(imagesText() + ": " + e.getMessage(),
                    e.corruptInput() ? ExitCodes.CORRUPT_INPUT : ExitCodes.ENVIRONMENT);
        } catch (IOException e) {
            throw new CommandFailure(imagesText() + ": can't read the images: " + e.getMessage(),
                    ExitCodes.ENVIRONMENT);
        }
        Optional<VolumeLocation> found = catalog.find(volume);
        if (found.isPresent()) {
            return found.get();
        }
        Optional<String> problem = catalog.problem(volume);
        if (problem.isPresent()) {
            throw new CommandFailure(imagesText() + ": " + problem.get(), ExitCodes.CORRUPT_INPUT);
        }
        throw new CommandFailure(imagesText() + ": no volume named '" + volume + "'; volumes: " + (catalog.volumes().isEmpty()
                ? "none" : catalog.volumes().stream().map(VolumeLocation::name).collect(Collectors.joining(", "))),
                ExitCodes.ENVIRONMENT);
    }
}
