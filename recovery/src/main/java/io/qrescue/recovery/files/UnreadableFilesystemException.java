package io.qrescue.recovery.files;

import java.io.IOException;

/** The image holds no ext2/3/4 filesystem e2fsprogs can open, even through its backup superblocks. */
public final class UnreadableFilesystemException extends IOException {

    private static final long serialVersionUID = 1L;

    public UnreadableFilesystemException(String message) {
        super(message);
    }
}
