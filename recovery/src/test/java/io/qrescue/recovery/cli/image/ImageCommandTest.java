package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ImageCommandTest {

    @Test
    void shouldHandEveryArgumentToDdrescuesParserUntouched() {
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        String[] ddrescueArgs = {"-vvn", "--cpass=1", "-K", "0,1Mi", "--", "-in", "@out", "--help", "-h", "map"};
        String[] argv = new String[ddrescueArgs.length + 1];
        argv[0] = "image";
        System.arraycopy(ddrescueArgs, 0, argv, 1, ddrescueArgs.length);
        CommandLine.ParseResult result = cl.parseArgs(argv);
        ImageCommand image = (ImageCommand) result.subcommand().commandSpec().userObject();
        assertThat(image.args).containsExactly(ddrescueArgs);
    }
}
