package io.qrescue.recovery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code qrescue map}: commands that show a mapfile. */
@Command(name = "map", description = "Show a mapfile.", subcommands = MapPictureCommand.class)
public final class MapCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
