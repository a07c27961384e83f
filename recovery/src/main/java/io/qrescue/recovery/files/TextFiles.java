package io.qrescue.recovery.files;

import io.qrescue.recovery.json.JsonText;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a whole text file atomically: a temp file beside it, fsync, rename. Readers never see a part. */
final class TextFiles {

    private TextFiles() {
    }

    static void writeAtomically(Path file, CharSequence text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                var buf = StandardCharsets.UTF_8.encode(text.toString());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * A path as coreutils' sha256sum writes it: backslash and newline escaped; {@link #needsEscape} tells
     * whether the line must then start with a backslash.
     */
    static String escapePath(String path) {
        return path.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static boolean needsEscape(String path) {
        return path.indexOf('\\') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0;
    }

    /** {@code s} as a JSON string literal (control characters and unpaired surrogates escaped). */
    static StringBuilder jsonString(StringBuilder b, String s) {
        return JsonText.quote(b, s);
    }
}
