package io.qrescue.recovery.cli;

import io.qrescue.recovery.vm.appliance.ApplianceBuild;
import io.qrescue.recovery.vm.appliance.ApplianceBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrescue appliance}: builds the recovery appliance and makes QNAP-like test volumes with it. */
@Command(name = "appliance", mixinStandardHelpOptions = true,
        description = "The recovery appliance (a small Linux VM built from this host's Debian packages).",
        subcommands = {ApplianceCommand.Build.class, MakeVolumeCommand.class, VolumeDigestsCommand.class})
public final class ApplianceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code qrescue appliance build}: assembles the appliance into its cache unless it is up to date. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Assemble the recovery initramfs from the host's kernel and packages (reused when unchanged).")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--cache", paramLabel = "DIR", description = "where the appliance lives [~/.cache/qrescue/appliance]")
        Path cacheDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                ApplianceBuild build = new ApplianceBuilder().ensure(cacheDir());
                out.println(describe(build));
                return ExitCodes.OK;
            } catch (IOException e) {
                err.println("qrescue: appliance: " + e.getMessage());
                return ExitCodes.of(e);
            }
        }

        Path cacheDir() {
            return cacheDir != null ? cacheDir : ApplianceBuilder.defaultCacheDir();
        }
    }

    /** One paragraph saying where the appliance is, what it holds and how long the build took. */
    static String describe(ApplianceBuild build) {
        var a = build.appliance();
        String seconds = String.format(Locale.ROOT, "%.1f s", build.elapsedMillis() / 1000.0);
        StringBuilder text = new StringBuilder();
        text.append(build.rebuilt() ? "appliance built in " + seconds : "appliance up to date (checked in " + seconds + ")")
                .append('\n');
        text.append("  kernel:    ").append(a.kernel()).append(" (").append(a.stamp().kernelRelease()).append(")\n");
        text.append("  initramfs: ").append(a.initramfs()).append(" (").append(build.initramfsBytes()).append(" bytes");
        if (build.rebuilt()) {
            text.append("; ").append(build.programCount()).append(" programs, ").append(build.libraryCount())
                    .append(" libraries, ").append(build.moduleCount()).append(" modules");
        }
        text.append(")\n");
        text.append("  stamp:     ").append(a.cacheDir().resolve("stamp.txt"));
        return text.toString();
    }
}
