package io.qrescue.recovery.cli.image;

/**
 * What the argument checks need to know about an existing file. ddrescue refuses a log file that exists and
 * is not a regular file while it reads the options, so the option parser asks this.
 */
@FunctionalInterface
public interface FileKinds {

    /** Whether {@code name} (as typed, symbolic links followed) exists and is not a regular file. */
    boolean existsAsNonRegular(String name);

    /** For parsing without a file system: nothing exists. */
    FileKinds NONE = name -> false;
}
