package io.qrescue.mapfile.picture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileTest {

    private static long filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void shouldKeepTheOldFileWhenWritingFails(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("map.png");
        Files.writeString(target, "old picture");

        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            out.write("half of a new pic".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("old picture");
        assertThat(filesIn(dir)).as("no temporary file left").isEqualTo(1);
    }

    @Test
    void shouldReplaceTheFileWhole(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("map.svg");
        Files.writeString(target, "old picture, longer than the new one");

        AtomicFile.write(target, out -> {
            out.write("new".getBytes(StandardCharsets.US_ASCII));
            out.close(); // allowed: renderers may close what they are given
        });

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void shouldCreateAMissingFileWithTheUsualPermissions(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("new.png");

        AtomicFile.write(target, out -> out.write(1));

        assertThat(Files.size(target)).isEqualTo(1);
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            // as any new file under the umask, not the 0600 of Files.createTempFile: pictures are for sharing
            Path plain = Files.createFile(dir.resolve("plain"));
            assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }
}
