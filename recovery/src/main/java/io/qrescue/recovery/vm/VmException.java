package io.qrescue.recovery.vm;

import java.io.IOException;

/** A problem of the environment around the VM (missing tool, kernel, package, timeout, full disk): exit 1. */
public class VmException extends IOException {
    private static final long serialVersionUID = 1L;

    public VmException(String message) {
        super(message);
    }

    public VmException(String message, Throwable cause) {
        super(message, cause);
    }
}
