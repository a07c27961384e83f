/**
 * Linux-native I/O through the C library: {@link io.qrescue.imager.os.linux.LinuxBlockDevice} (read-only,
 * optional O_DIRECT, real block-device and sector sizes) and {@link io.qrescue.imager.os.linux.LinuxOutputImage}
 * (ddrescue -D). The calls themselves are in {@code jna}; what can be plain Java (alignment, the read loop,
 * errno meanings) lives in {@code device} and here, testable without native code.
 */
package io.qrescue.imager.os.linux;
