package io.qrescue.recovery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code qrescue thin}: commands on a thin pool's metadata. */
@Command(name = "thin", description = "Thin-pool metadata: dump it as thin_dump XML, repaired when damaged.",
        subcommands = ThinDumpCommand.class)
public final class ThinCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
