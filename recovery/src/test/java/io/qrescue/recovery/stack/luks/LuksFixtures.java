package io.qrescue.recovery.stack.luks;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The LUKS header fixtures under src/test/resources/luks/ (made by make-headers.sh with the real cryptsetup). */
final class LuksFixtures {

    /** The QNAP password of luks1-cbc-plain-sha1 (slots 0 and 1 both hold its MD5-crypt passphrase). */
    static final String QNAP_PASSWORD = "Rescue-2026!";
    /** luks1-cbc-essiv-sha256 was made with the first 16 characters of this password. */
    static final String LONG_PASSWORD = "Rescue-2026!-LongerThan16";
    static final String SECOND = "second passphrase";
    static final String LUKS2 = "luks2 passphrase";

    private LuksFixtures() {
    }

    /** The unpacked header image NAME.img.gz. */
    static byte[] image(String name) {
        try (InputStream in = resource(name + ".img.gz"); InputStream gz = new GZIPInputStream(in)) {
            return gz.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The master key cryptsetup printed for NAME (hex). */
    static String masterKeyHex(String name) {
        try (InputStream in = resource(name + ".key.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NAME's image read with a mapfile that marks {@code [from, to)} bad-sector. */
    static ImageSource withBadRange(String name, long from, long to) {
        byte[] bytes = image(name);
        List<StatusBlock> blocks = new ArrayList<>();
        if (from > 0) {
            blocks.add(new StatusBlock(0, from, BlockStatus.FINISHED));
        }
        blocks.add(new StatusBlock(from, to - from, BlockStatus.BAD_SECTOR));
        if (to < bytes.length) {
            blocks.add(new StatusBlock(to, bytes.length - to, BlockStatus.FINISHED));
        }
        return RescuedImage.of(name + ".img", new ByteArraySource(bytes),
                Readability.of(BlockMap.of(BlockMap.compacted(blocks))));
    }

    static List<Passphrase> raw(String... passphrases) {
        List<Passphrase> out = new ArrayList<>();
        for (String p : passphrases) {
            out.add(new Passphrase(p.getBytes(StandardCharsets.UTF_8), "test passphrase"));
        }
        return out;
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = LuksFixtures.class.getResourceAsStream("/luks/" + file);
        if (in == null) {
            throw new IOException("test resource /luks/" + file + " missing");
        }
        return in;
    }
}
