package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.cli.gnu.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModeRulesTest {

    private static final String FILL_WARNING = "warning: Options -aACdeEHIJKlMnOpPrRStTuWxX are ignored in fill mode.";
    private static final String GENERATE_WARNING =
            "warning: Options -aACdDeEHIJKlMnOpPrRStTuwWxXy are ignored in generate mode.";

    private static DdrescueArguments parse(String... args) throws UsageException {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("in", "out", "map"));
        var run = (DdrescueArgumentParser.Run) new DdrescueArgumentParser(FileKinds.NONE).parse(all.toArray(String[]::new));
        return run.arguments();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a0", "-A", "-C", "-d", "-e0", "-e+5", "-E0", "-H=t", "-I", "-J", "-K0", "-K,1Mi", "-M",
            "-n", "-N", "-O", "-p", "-P", "-r1", "-R", "-S", "-t", "-T0", "-u", "-W", "-x1", "-X0", "-Z1",
            "--cpass=1", "--delay-slow=31", "--exit-on-error", "--max-slow-reads=0", "--pause-on-error=1",
            "--pause-on-error=s0", "--pause-on-pass=1", "--reset-slow"})
    void shouldWarnAboutEveryRescueOptionInFillMode(String option) throws UsageException {
        String[] args = option.startsWith("-H=") ? new String[] {"-F+", "-H", "t"} : new String[] {"-F+", option};
        assertThat(ModeRules.ignoredOptionsWarning(parse(args))).contains(FILL_WARNING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-r0", "--cpass=1-5", "--delay-slow=30", "--pause-on-error=0", "--pause-on-pass=0",
            "-K,1Ei", "-D", "-y", "-f", "-v", "-q", "-B", "-L", "-b4096", "-c1", "-i1", "-o1", "-s1", "-w",
            "--mapfile-interval=60", "--log-events=e", "-m=d"})
    void shouldNotWarnAboutOptionsThatFillModeUsesOrThatKeepTheirDefault(String option) throws UsageException {
        String[] args = option.startsWith("-m=") ? new String[] {"-F+", "-m", "d"} : new String[] {"-F+", option};
        assertThat(ModeRules.ignoredOptionsWarning(parse(args))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-w", "-y", "-D", "-p", "-t", "-I", "-a0", "-R", "--cpass=2"})
    void shouldWarnInGenerateModeToo(String option) throws UsageException {
        assertThat(ModeRules.ignoredOptionsWarning(parse("-G", option))).contains(GENERATE_WARNING);
    }

    @Test
    void shouldNeverWarnInRescueMode() throws UsageException {
        assertThat(ModeRules.ignoredOptionsWarning(parse("-R", "-y", "-p", "-K0"))).isEmpty();
        assertThat(ModeRules.ignoredOptionsWarning(parse("--command-mode", "-R"))).isEmpty();
        assertThat(ModeRules.ignoredOptionsWarning(parse("-G", "-f", "-v"))).isEmpty();
    }

    @Test
    void shouldRefuseOptionsThatContradictTheMode() throws UsageException {
        assertThatThrownBy(() -> ModeRules.checkCompatibility(parse("-F+", "--ask")))
                .hasMessage("Option '--ask' is incompatible with fill mode.");
        assertThatThrownBy(() -> ModeRules.checkCompatibility(parse("-F+", "--same-file")))
                .hasMessage("Option '--same-file' is incompatible with fill mode.");
        assertThatThrownBy(() -> ModeRules.checkCompatibility(parse("-G", "--ask")))
                .hasMessage("Option '--ask' is incompatible with generate mode.");
        assertThatThrownBy(() -> ModeRules.checkCompatibility(parse("-w")))
                .hasMessage("Option '-w' is incompatible with rescue mode.");
        assertThatThrownBy(() -> ModeRules.checkCompatibility(parse("--command-mode", "-w")))
                .hasMessage("Option '-w' is incompatible with rescue mode.");
        ModeRules.checkCompatibility(parse("-F+", "-w"));
        ModeRules.checkCompatibility(parse("-G", "-w", "--same-file"));
        ModeRules.checkCompatibility(parse("--ask", "--same-file"));
    }

    @Test
    void shouldRequireWhatEachModeNeeds() throws UsageException {
        var noMap = (DdrescueArgumentParser.Run) new DdrescueArgumentParser(FileKinds.NONE).parse("-F+", "in", "out");
        assertThatThrownBy(() -> ModeRules.checkRequirements(noMap.arguments()))
                .hasMessage("Mapfile required in fill mode.").matches(e -> ((UsageException) e).suggestHelp());
        var generate = (DdrescueArgumentParser.Run) new DdrescueArgumentParser(FileKinds.NONE).parse("-G", "in", "out");
        assertThatThrownBy(() -> ModeRules.checkRequirements(generate.arguments()))
                .hasMessage("Mapfile must be specified in generate mode.");
        assertThatThrownBy(() -> ModeRules.checkRequirements(parse("--same-file", "-t")))
                .hasMessage("Option '--same-file' is incompatible with '--truncate'.");
        ModeRules.checkRequirements(parse("-t"));
        ModeRules.checkRequirements(parse("--same-file"));
        ModeRules.checkRequirements(parse("-F+"));
        var rescueWithoutMap = (DdrescueArgumentParser.Run) new DdrescueArgumentParser(FileKinds.NONE).parse("in", "out");
        ModeRules.checkRequirements(rescueWithoutMap.arguments());
    }
}
