package io.qrescue.recovery.cli;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.luks.LuksHeaderReader;
import io.qrescue.recovery.stack.luks.LuksKeys;
import io.qrescue.recovery.stack.luks.LuksProbe;
import io.qrescue.recovery.stack.luks.LuksUnlockException;
import io.qrescue.recovery.stack.luks.LuksUnlocker;
import io.qrescue.recovery.stack.luks.LuksVolume;
import io.qrescue.recovery.stack.luks.Passphrase;
import io.qrescue.recovery.stack.luks.QnapPassword;
import io.qrescue.recovery.stack.luks.UnsupportedLuksException;
import java.io.Console;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The secrets that open LUKS-encrypted volumes, and {@code --raw}: one mixin for every command that opens volumes
 * (extract, serve, boot --volume, analyze, rescue). Each file may be limited to one volume as VG/LV=FILE. With no
 * secret given for an encrypted volume, a terminal is asked for its QNAP password without echo.
 */
final class UnlockOptions {

    @Option(names = "--password-file", paramLabel = "[VG/LV=]FILE",
            description = "a QNAP volume password (FILE's text without its line end): the LUKS passphrase is derived as"
                    + " QTS does (MD5-crypt), then the password's first 16 and fewer characters are tried, as older"
                    + " firmware kept; VG/LV= gives it to that volume only (repeat for volumes with other passwords)")
    List<String> passwordFiles = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "[VG/LV=]FILE",
            description = "a raw LUKS passphrase, as cryptsetup --key-file takes it (also tried without a final line"
                    + " end)")
    List<String> passphraseFiles = new ArrayList<>();

    @Option(names = "--key-file", paramLabel = "[VG/LV=]FILE",
            description = "QNAP's exported volume key file (its format is inferred from the firmware, not verified)")
    List<String> keyFiles = new ArrayList<>();

    @Option(names = "--raw", description = "an encrypted volume's bytes as stored (LUKS header and ciphertext), not"
            + " unlocked")
    boolean raw;

    private LuksKeys keys;

    /** The secrets of the options, read once. */
    LuksKeys keys() throws CommandFailure {
        if (keys == null) {
            LuksKeys k = new LuksKeys();
            add(k, passwordFiles, LuksKeys.Kind.QNAP_PASSWORD, "--password-file");
            add(k, passphraseFiles, LuksKeys.Kind.PASSPHRASE, "--passphrase-file");
            add(k, keyFiles, LuksKeys.Kind.QNAP_KEY_FILE, "--key-file");
            keys = k;
        }
        return keys;
    }

    private static void add(LuksKeys k, List<String> args, LuksKeys.Kind kind, String option) throws CommandFailure {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String volume = eq > 0 && arg.substring(0, eq).matches("[^/=]+/[^/=]+") ? arg.substring(0, eq) : null;
            Path file = Path.of(volume == null ? arg : arg.substring(eq + 1));
            try {
                k.addFile(volume, kind, file);
            } catch (NoSuchFileException e) {
                throw new CommandFailure(option + " " + file + ": no such file", ExitCodes.ENVIRONMENT);
            } catch (IOException e) {
                throw new CommandFailure(option + " " + file + ": can't read it: " + e.getMessage(),
                        ExitCodes.ENVIRONMENT);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(option + " " + file + ": " + e.getMessage(), ExitCodes.ENVIRONMENT);
            }
        }
    }

    /**
     * The volume {@code name} opened: null when it is not encrypted (or {@code --raw} was given), else the
     * decrypted payload with the slot and rule that opened it. Asks a terminal when no secret was given.
     *
     * @throws CommandFailure exit 1 when no key slot opens or no secret is at hand, exit 2 when the header is
     *     unreadable or names a cipher qrescue does not decrypt
     */
    LuksUnlocker.Opened open(String name, ImageSource volume) throws CommandFailure {
        if (raw) {
            return null;
        }
        LuksProbe probe = LuksHeaderReader.read(volume);
        if (!probe.found()) {
            if (probe.problem() != null && !keys().candidates(name).isEmpty()) {
                // a secret was given for it, so it is meant to be encrypted: its header is lost, not absent
                throw new CommandFailure(name + ": " + probe.problem() + " (--raw gives the bytes as stored)",
                        ExitCodes.CORRUPT_INPUT);
            }
            return null;
        }
        if (probe.header() == null) {
            throw new CommandFailure(name + ": " + probe.problem() + " (--raw gives the bytes as stored)",
                    ExitCodes.CORRUPT_INPUT);
        }
        List<Passphrase> candidates = keys().candidates(name);
        if (candidates.isEmpty()) {
            candidates = prompt(name, probe);
        }
        try {
            return LuksVolume.open(name, volume, probe, candidates);
        } catch (LuksUnlockException e) {
            throw new CommandFailure(name + ": " + e.getMessage(), ExitCodes.ENVIRONMENT);
        } catch (UnsupportedLuksException e) {
            throw new CommandFailure(name + ": " + e.getMessage() + " (--raw gives the ciphertext)",
                    ExitCodes.CORRUPT_INPUT);
        } catch (IOException e) {
            throw new CommandFailure(name + ": can't read the LUKS key material: " + e.getMessage(),
                    ExitCodes.ENVIRONMENT);
        } finally {
            candidates.forEach(Passphrase::wipe);
        }
    }

    /** The QNAP password (and the same text as a raw passphrase) typed at the terminal, without echo. */
    private static List<Passphrase> prompt(String name, LuksProbe probe) throws CommandFailure {
        Console console = System.console();
        if (console == null) {
            throw new CommandFailure(name + ": encrypted (" + probe.header().summary() + "); give its QNAP password"
                    + " with --password-file FILE, a LUKS passphrase with --passphrase-file FILE or QNAP's key file"
                    + " with --key-file FILE (or --raw for the ciphertext)", ExitCodes.ENVIRONMENT);
        }
        char[] typed = console.readPassword("%s is encrypted (LUKS%d); its QNAP password (or LUKS passphrase): ",
                name, probe.header().version());
        if (typed == null || typed.length == 0) {
            throw new CommandFailure(name + ": no password given", ExitCodes.ENVIRONMENT);
        }
        byte[] bytes = QnapPassword.utf8(typed);
        Arrays.fill(typed, '\0');
        try {
            List<Passphrase> out = new ArrayList<>(QnapPassword.candidates(bytes, "the prompt"));
            out.add(new Passphrase(bytes, "the text typed at the prompt, as a LUKS passphrase"));
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** What the commands print once a volume opened: the rule, then any key slot that was skipped. */
    static List<String> describe(String name, LuksUnlocker.Opened opened) {
        List<String> lines = new ArrayList<>();
        lines.add(name + ": " + opened.source().header().summary().replaceFirst(", payload at byte \\d+", "")
                + "; opened key slot " + opened.keySlot() + " with " + opened.rule());
        opened.notes().forEach(n -> lines.add(name + ": " + n));
        return lines;
    }
}
