package io.qrescue.recovery.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.recovery.cli.gnu.UsageException;
import io.qrescue.recovery.cli.image.DdrescueArgumentParser;
import io.qrescue.recovery.cli.image.FileKinds;
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

    /** The options of a ddrescue command line (parsed by qrescue image's parser, for readable cases). */
    private static RescueOptions parse(String... args) throws UsageException {
        return request(concat(args, "in", "out", "map")).options();
    }

    private static ImagingRequest request(String... args) throws UsageException {
        var run = (DdrescueArgumentParser.Run) new DdrescueArgumentParser(FileKinds.NONE).parse(args);
        return new ImagingRequest(run.inputFile(), run.outputFile(), run.mapfile(), run.options(), QrescueOptions.NONE,
                "test");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(Arrays.asList(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
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
        assertThat(ModeRules.incompatibility(parse("-F+", "--ask"))).contains("Option '--ask' is incompatible with fill mode.");
        assertThat(ModeRules.incompatibility(parse("-F+", "--same-file"))).contains("Option '--same-file' is incompatible with fill mode.");
        assertThat(ModeRules.incompatibility(parse("-G", "--ask"))).contains("Option '--ask' is incompatible with generate mode.");
        assertThat(ModeRules.incompatibility(parse("-w"))).contains("Option '-w' is incompatible with rescue mode.");
        assertThat(ModeRules.incompatibility(parse("--command-mode", "-w"))).contains("Option '-w' is incompatible with rescue mode.");
        assertThat(ModeRules.incompatibility(parse("-F+", "-w"))).isEmpty();
        assertThat(ModeRules.incompatibility(parse("-G", "-w", "--same-file"))).isEmpty();
        assertThat(ModeRules.incompatibility(parse("--ask", "--same-file"))).isEmpty();
    }

    @Test
    void shouldRequireWhatEachModeNeeds() throws UsageException {
        assertThat(ModeRules.missingRequirement(request("-F+", "in", "out"))).contains("Mapfile required in fill mode.");
        assertThat(ModeRules.missingRequirement(request("-G", "in", "out")))
                .contains("Mapfile must be specified in generate mode.");
        assertThat(ModeRules.missingRequirement(request("--same-file", "-t", "in", "out", "map")))
                .contains("Option '--same-file' is incompatible with '--truncate'.");
        assertThat(ModeRules.missingRequirement(request("-t", "in", "out", "map"))).isEmpty();
        assertThat(ModeRules.missingRequirement(request("--same-file", "in", "out", "map"))).isEmpty();
        assertThat(ModeRules.missingRequirement(request("-F+", "in", "out", "map"))).isEmpty();
        assertThat(ModeRules.missingRequirement(request("in", "out"))).isEmpty();
    }
}
