package io.qrescue.recovery.vm;

import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.appliance.ApplianceBuild;
import io.qrescue.recovery.vm.appliance.ApplianceBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** One appliance per test run, in target/it-appliance (kept between runs; rebuilt only when its stamp changes). */
public final class TestAppliance {
    private static ApplianceBuild build;

    private TestAppliance() {
    }

    /** The cache directory the tests use. */
    public static Path cacheDir() {
        return Path.of("target", "it-appliance").toAbsolutePath();
    }

    /** The appliance, built on first use. */
    public static synchronized Appliance get() {
        if (build == null) {
            try {
                build = new ApplianceBuilder().ensure(cacheDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return build.appliance();
    }

    /** How the first {@link #get} went (build time, whether it was rebuilt). */
    public static synchronized ApplianceBuild build() {
        get();
        return build;
    }
}
