package io.qrescue.recovery.stack.luks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets given for unlocking, per volume ("vg1/lv1") or for every volume, each already turned into the
 * passphrases to try with their rules: a QNAP password (its MD5-crypt passphrase, then its prefixes), a raw LUKS
 * passphrase, or a QNAP key file. Files are read once, when added; their bytes never appear in a message.
 */
public final class LuksKeys {

    private final Map<String, List<Passphrase>> perVolume = new LinkedHashMap<>();
    private final List<Passphrase> everyVolume = new ArrayList<>();

    /** What a secret file holds. */
    public enum Kind {
        /** A QNAP volume password, as typed in QTS. */
        QNAP_PASSWORD,
        /** A LUKS passphrase, given to cryptsetup as is. */
        PASSPHRASE,
        /** QNAP's exported key file (format inferred). */
        QNAP_KEY_FILE
    }

    /** No secrets. */
    public LuksKeys() {
    }

    /**
     * Adds the secret in {@code file} for {@code volume} (null: every volume).
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when a key file does not have QNAP's format (the message says why)
     */
    public LuksKeys addFile(String volume, Kind kind, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return add(volume, candidates(kind, bytes, file.toString()));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Adds a QNAP password typed at a prompt for {@code volume}. */
    public LuksKeys addTypedPassword(String volume, byte[] password) {
        return add(volume, QnapPassword.candidates(password, "the prompt"));
    }

    /** Adds {@code passphrases} for {@code volume} (null: every volume). */
    public LuksKeys add(String volume, List<Passphrase> passphrases) {
        (volume == null ? everyVolume : perVolume.computeIfAbsent(volume, v -> new ArrayList<>())).addAll(passphrases);
        return this;
    }

    /** The passphrases to try on {@code volume}: those given for it first, then those for every volume. */
    public List<Passphrase> candidates(String volume) {
        List<Passphrase> out = new ArrayList<>(perVolume.getOrDefault(volume, List.of()));
        out.addAll(everyVolume);
        return out;
    }

    /** How many passphrases were given in all (a count, safe to record). */
    public int count() {
        return everyVolume.size() + perVolume.values().stream().mapToInt(List::size).sum();
    }

    /** True when no secret was given at all. */
    public boolean isEmpty() {
        return everyVolume.isEmpty() && perVolume.isEmpty();
    }

    /** Overwrites every secret. */
    public void wipe() {
        everyVolume.forEach(Passphrase::wipe);
        perVolume.values().forEach(l -> l.forEach(Passphrase::wipe));
    }

    static List<Passphrase> candidates(Kind kind, byte[] bytes, String from) {
        return switch (kind) {
            case QNAP_PASSWORD -> {
                byte[] password = QnapPassword.fromText(bytes);
                try {
                    yield QnapPassword.candidates(password, from);
                } finally {
                    Arrays.fill(password, (byte) 0);
                }
            }
            case PASSPHRASE -> {
                List<Passphrase> out = new ArrayList<>(List.of(new Passphrase(bytes, "the passphrase in " + from)));
                byte[] trimmed = QnapPassword.fromText(bytes);
                if (trimmed.length != bytes.length) {
                    out.add(new Passphrase(trimmed, "the passphrase in " + from + " without its final line end"));
                }
                Arrays.fill(trimmed, (byte) 0);
                yield out;
            }
            case QNAP_KEY_FILE -> {
                byte[] password = QnapKeyFile.decode(bytes);
                try {
                    yield QnapPassword.candidates(password, "the QNAP key file " + from + " ("
                            + QnapKeyFile.INFERRED + ")");
                } finally {
                    Arrays.fill(password, (byte) 0);
                }
            }
        };
    }
}
