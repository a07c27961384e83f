package io.qrescue.recovery.cli;

import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IMAGE operands and their {@code --map} mapfiles as analyze, extract, serve, boot --volume and thin dump read
 * them: each image opened read-only as a {@link RescuedImage}, so the stack is read as its mapfile says (metadata on
 * bytes it does not mark finished is never parsed).
 */
final class ImageOperands {

    private ImageOperands() {
    }

    /** Throws naming the first of {@code images} that is not a readable file. */
    static void checkReadable(List<Path> images) throws CommandFailure {
        for (Path image : images) {
            if (!Files.isReadable(image) || Files.isDirectory(image)) {
                throw new CommandFailure(image + ": can't open the image for reading", ExitCodes.ENVIRONMENT);
            }
        }
    }

    /** What each of {@code mapfiles} marks finished, in order. */
    static List<Readability> readability(List<Path> mapfiles) throws CommandFailure {
        List<Readability> out = new ArrayList<>();
        for (Path map : mapfiles) {
            try {
                out.add(Readability.of(MapfileReader.read(map, null).blocks()));
            } catch (MapfileException e) {
                throw new CommandFailure(e.getMessage(), e.exitCode());
            }
        }
        return out;
    }

    /**
     * Opens image i with {@code readability} i (every byte readable past the end of that list); on a failure closes
     * what it opened and throws naming the image.
     */
    static List<RescuedImage> open(List<Path> images, List<Readability> readability) throws CommandFailure {
        checkReadable(images);
        List<RescuedImage> opened = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            try {
                opened.add(RescuedImage.of(displayName(image), FileImageSource.open(image),
                        i < readability.size() ? readability.get(i) : Readability.allReadable()));
            } catch (IOException e) {
                closeAll(opened);
                throw new CommandFailure(image + ": can't open the image: " + e.getMessage(), ExitCodes.ENVIRONMENT);
            }
        }
        return opened;
    }

    /** Closes every image; they are read-only, so a failure to close loses nothing. */
    static void closeAll(List<RescuedImage> images) {
        for (RescuedImage image : images) {
            try {
                image.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
        }
    }

    /** The image's file name, as the stack and the messages name it. */
    static String displayName(Path image) {
        return image.getFileName() == null ? image.toString() : image.getFileName().toString();
    }
}
