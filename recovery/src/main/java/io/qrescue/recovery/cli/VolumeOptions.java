package io.qrescue.recovery.cli;

import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.cli.gnu.NumberArg;
import io.qrescue.recovery.cli.gnu.UsageException;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeCatalogException;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.volume.VolumeLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.luks.LuksUnlocker;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The image, the volume in it ({@code --volume}, or {@code --offset}/{@code --length}), its mapfile and the secrets
 * that open it when it is encrypted: shared by extract, serve and boot --volume.
 */
final class VolumeOptions {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the rescued disk image (or device), read only")
    Path image;

    @Option(names = "--volume", paramLabel = "NAME", description = "the volume to use, e.g. vg1/lv1")
    String volume;

    @Option(names = "--offset", paramLabel = "BYTES",
            description = "instead of --volume: the volume is IMAGE's bytes from BYTES (suffixes as ddrescue: Ki, Mi, s)")
    String offset;

    @Option(names = "--length", paramLabel = "BYTES", description = "with --offset: the volume's size")
    String length;

    @Option(names = {"-m", "--map"}, paramLabel = "MAPFILE",
            description = "IMAGE's ddrescue mapfile: bytes it does not mark finished are damaged")
    Path mapfile;

    @Mixin
    UnlockOptions unlock = new UnlockOptions();

    /**
     * The image opened read-only (with its mapfile), the chosen volume on it, and when the volume is LUKS-encrypted
     * (and not {@code --raw}) how it opened ({@code luks}, else null).
     */
    record OpenedVolume(RescuedImage image, VolumeLocation location, LuksUnlocker.Opened luks)
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
            image.close();
        }
    }

    OpenedVolume open(VolumeCatalogFactory catalogs) throws CommandFailure {
        boolean region = offset != null || length != null;
        if (region == (volume != null)) {
            throw new CommandFailure("give either --volume NAME or --offset BYTES --length BYTES", ExitCodes.ENVIRONMENT);
        }
        if (region && (offset == null || length == null)) {
            throw new CommandFailure("--offset and --length go together", ExitCodes.ENVIRONMENT);
        }
        if (!Files.isReadable(image) || Files.isDirectory(image)) {
            throw new CommandFailure(image + ": can't open the image for reading", ExitCodes.ENVIRONMENT);
        }
        Readability readability = readability();
        RescuedImage source;
        try {
            source = RescuedImage.of(displayName(), FileImageSource.open(image), readability);
        } catch (IOException e) {
            throw new CommandFailure(image + ": can't open the image: " + e.getMessage(), ExitCodes.ENVIRONMENT);
        }
        try {
            VolumeLocation location = region ? region(source) : named(catalogs, source);
            return new OpenedVolume(source, location, unlock.open(location.name(), location.source()));
        } catch (CommandFailure | RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
    }

    private Readability readability() throws CommandFailure {
        if (mapfile == null) {
            return Readability.allReadable();
        }
        try {
            Mapfile map = MapfileReader.read(mapfile, null);
            return Readability.of(map.blocks());
        } catch (MapfileException e) {
            throw new CommandFailure(e.getMessage(), e.exitCode());
        }
    }

    private String displayName() {
        return image.getFileName() == null ? image.toString() : image.getFileName().toString();
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
            throw new CommandFailure(image + ": the region " + from + "+" + size + " ends at " + (from + size)
                    + ", past the image's end at " + imageSize, ExitCodes.ENVIRONMENT);
        }
        return VolumeLocation.region("region@" + from + "+" + size, source, from, size);
    }

    private VolumeLocation named(VolumeCatalogFactory catalogs, RescuedImage source) throws CommandFailure {
        VolumeCatalog catalog;
        try {
            catalog = catalogs.open(List.of(new NamedImage(source.name(), source)));
        } catch (VolumeCatalogException e) {
            throw new CommandFailure(image + ": " + e.getMessage(),
                    e.corruptInput() ? ExitCodes.CORRUPT_INPUT : ExitCodes.ENVIRONMENT);
        } catch (IOException e) {
            throw new CommandFailure(image + ": can't read the image: " + e.getMessage(), ExitCodes.ENVIRONMENT);
        }
        Optional<VolumeLocation> found = catalog.find(volume);
        if (found.isPresent()) {
            return found.get();
        }
        Optional<String> problem = catalog.problem(volume);
        if (problem.isPresent()) {
            throw new CommandFailure(image + ": " + problem.get(), ExitCodes.CORRUPT_INPUT);
        }
        throw new CommandFailure(image + ": no volume named '" + volume + "'; volumes: " + (catalog.volumes().isEmpty()
                ? "none" : catalog.volumes().stream().map(VolumeLocation::name).collect(Collectors.joining(", "))),
                ExitCodes.ENVIRONMENT);
    }

    private static void closeQuietly(RescuedImage source) {
        try {
            source.close();
        } catch (IOException e) {
            // the failure being reported matters more
        }
    }
}
