package io.qrescue.recovery.imaging;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The streams a run may use besides its files: standard input for {@code -m -}, {@code -H -} and the commands of
 * command mode; standard output for command mode's answers (its protocol, not a display). Relative file names
 * are resolved against {@code workingDir}.
 */
public record ImagingIo(InputStream stdin, OutputStream stdout, Path workingDir) {

    /** No input, output thrown away, names relative to the process's working directory. */
    public static ImagingIo none() {
        return new ImagingIo(InputStream.nullInputStream(), OutputStream.nullOutputStream(), Path.of(""));
    }

    Path resolve(String name) {
        return workingDir.resolve(name);
    }
}
