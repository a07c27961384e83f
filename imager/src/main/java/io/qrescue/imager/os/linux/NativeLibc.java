package io.qrescue.imager.os.linux;

import io.qrescue.imager.os.linux.jna.LinuxLibc;
import java.util.Optional;

/** The C library, loaded once on first use; empty where it cannot be (not Linux, JNA without native support). */
final class NativeLibc {

    static final Optional<LinuxLibc> INSTANCE = System.getProperty("os.name", "").startsWith("Linux")
            ? LinuxLibc.load() : Optional.empty();

    private NativeLibc() {
    }
}
