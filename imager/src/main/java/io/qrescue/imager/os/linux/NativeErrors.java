package io.qrescue.imager.os.linux;

import io.qrescue.imager.device.ReadError;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns a failed call's errno into the exception the JDK would have thrown for the same failure. */
final class NativeErrors {

    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;

    private NativeErrors() {
    }

    /** The exception for {@code call} on {@code path} failing with {@code errno}; its reason is strerror's text. */
    static FileSystemException failure(Path path, String call, int errno) {
        return switch (errno) {
            case ENOENT -> new NoSuchFileException(path.toString());
            case EPERM, EACCES -> new AccessDeniedException(path.toString(), null, strerror(errno));
            default -> new FileSystemException(path.toString(), null, call + ": " + strerror(errno));
        };
    }

    /** strerror's text for the errnos ddrescue distinguishes, else "errno N". */
    static String strerror(int errno) {
        ReadError known = ReadError.ofErrno(errno);
        return known.errno() == errno ? known.description() : "errno " + errno;
    }
}
