package io.qrescue.recovery.vm.lvmfix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources of this package. */
final class Fixtures {

    static final String PV_UUID = "9PxicIPQn6QaI7rYvT9icSMD3CTheEiF";

    private Fixtures() {
    }

    static String qnapTierText() {
        try (InputStream in = Fixtures.class.getResourceAsStream("qnap-tier-vg1.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
