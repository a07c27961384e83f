package io.qrescue.imager.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads what OSHI does not report, from the kernel's request queue attributes
 * ({@code /sys/block/DEV/queue/{rotational,logical_block_size,physical_block_size}}). Each file holds one
 * decimal number and a newline. A missing or odd file gives an empty value, never an exception.
 */
final class SysfsQueue {

    /** The queue attributes of one disk. */
    record Facts(OptionalInt logicalSectorSize, OptionalInt physicalSectorSize, Rotational rotational) {
        static final Facts UNKNOWN = new Facts(OptionalInt.empty(), OptionalInt.empty(), Rotational.UNKNOWN);
    }

    /** The real {@code /sys/block}. */
    static final Path SYS_BLOCK = Path.of("/sys/block");

    private static final int MAX_ATTRIBUTE_BYTES = 64;

    private SysfsQueue() {
    }

    /** The facts of disk {@code name} ("sdb", "nvme0n1") under {@code sysBlock}. */
    static Facts read(Path sysBlock, String name) {
        // a name with a slash would climb out of sysBlock; kernel disk names never contain one
        if (name.isEmpty() || name.contains("/") || name.equals("..")) {
            return Facts.UNKNOWN;
        }
        Path queue = sysBlock.resolve(name).resolve("queue");
        return new Facts(
                readText(queue.resolve("logical_block_size")).map(SysfsQueue::parseBlockSize).orElse(OptionalInt.empty()),
                readText(queue.resolve("physical_block_size")).map(SysfsQueue::parseBlockSize).orElse(OptionalInt.empty()),
                readText(queue.resolve("rotational")).map(SysfsQueue::parseRotational).orElse(Rotational.UNKNOWN));
    }

    /** "1" spinning, "0" not; anything else unknown. */
    static Rotational parseRotational(String text) {
        return switch (text.strip()) {
            case "1" -> Rotational.TRUE;
            case "0" -> Rotational.FALSE;
            default -> Rotational.UNKNOWN;
        };
    }

    /** A power of two from 1 to 2^28 (ddrescue's largest sector size); anything else is no answer. */
    static OptionalInt parseBlockSize(String text) {
        try {
            int size = Integer.parseInt(text.strip());
            return size > 0 && size <= 1 << 28 && Integer.bitCount(size) == 1 ? OptionalInt.of(size) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Optional<String> readText(Path file) {
        // sysfs attributes are one short line; the limit guards against a big file in their place
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_ATTRIBUTE_BYTES + 1);
            return bytes.length > MAX_ATTRIBUTE_BYTES ? Optional.empty()
                    : Optional.of(new String(bytes, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
