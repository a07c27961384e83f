package io.qrescue.recovery.vm.appliance;

/** Orders kernel release names like "6.1.0-56-amd64" numerically, field by field (sort -V, simplified). */
final class KernelReleases {

    private KernelReleases() {
    }

    /** A key that sorts releases in version order: every number zero-padded to 10 digits. */
    static String sortKey(String release) {
        StringBuilder key = new StringBuilder();
        StringBuilder digits = new StringBuilder();
        for (char c : (release + " ").toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(c);
            } else {
                if (digits.length() > 0) {
                    key.append("0".repeat(Math.max(0, 10 - digits.length()))).append(digits);
                    digits.setLength(0);
                }
                key.append(c);
            }
        }
        return key.toString();
    }
}
