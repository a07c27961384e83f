package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.recovery.cli.gnu.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import io.qrescue.imager.rescue.CopyPasses;
import io.qrescue.imager.rescue.OperationMode;
import io.qrescue.imager.rescue.RescueOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DdrescueArgumentParserTest {

    /** Parses {@code options} followed by the operands "in out map". */
    private static RescueOptions parse(String... options) throws UsageException {
        return run(options).options();
    }

    /** Parses {@code options} followed by the operands "in out map"; the operands with the options. */
    private static DdrescueArgumentParser.Run run(String... options) throws UsageException {
        List<String> args = new ArrayList<>(Arrays.asList(options));
        args.addAll(List.of("in", "out", "map"));
        var invocation = new DdrescueArgumentParser(FileKinds.NONE).parse(args.toArray(String[]::new));
        assertThat(invocation).isInstanceOf(DdrescueArgumentParser.Run.class);
        return (DdrescueArgumentParser.Run) invocation;
    }

    private static String refusal(String... args) {
        try {
            new DdrescueArgumentParser(FileKinds.NONE).parse(args);
        } catch (UsageException e) {
            return e.getMessage() + (e.suggestHelp() ? " [help]" : "");
        }
        throw new AssertionError("accepted: " + List.of(args));
    }

    @Test
    void shouldFillInDdrescuesDefaults() throws UsageException {
        RescueOptions a = parse();
        assertThat(a.mode()).isEqualTo(OperationMode.RESCUE);
        assertThat(run().inputFile()).isEqualTo("in");
        assertThat(run().outputFile()).isEqualTo("out");
        assertThat(run().mapfile()).contains("map");
        assertThat(a.sectorSize()).isEqualTo(512);
        assertThat(a.clusterSectors()).isEqualTo(128);
        assertThat(a.clusterBytes()).isEqualTo(65536);
        assertThat(a.inputPosition()).isZero();
        assertThat(a.outputPosition()).as("the same as -i").isEqualTo(-1);
        assertThat(a.outputOffset()).isZero();
        assertThat(a.maxSize()).isEqualTo(-1);
        assertThat(a.domainMapfile()).isEmpty();
        assertThat(a.testModeMapfile()).isEmpty();
        assertThat(a.copyPasses()).isEqualTo(CopyPasses.ALL);
        assertThat(List.of(a.skipSize(), a.maxSkipSize())).containsExactly(-1L, RescueOptions.MAX_MAX_SKIP_SIZE);
        assertThat(a.maxRetries()).isZero();
        assertThat(a.minReadRate()).isEqualTo(-1);
        assertThat(a.maxReadRate()).isZero();
        assertThat(a.maxErrorRate()).isEqualTo(-1);
        assertThat(a.maxBadAreas()).isEqualTo(Long.MAX_VALUE);
        assertThat(a.maxReadErrors()).isEqualTo(Long.MAX_VALUE);
        assertThat(a.maxSlowReads()).isEqualTo(Long.MAX_VALUE);
        assertThat(a.timeoutSeconds()).isEqualTo(-1);
        assertThat(a.delaySlowSeconds()).isEqualTo(30);
        assertThat(a.pauseOnErrorNanos()).isZero();
        assertThat(a.simulatedPauseOnError()).isFalse();
        assertThat(a.pauseOnPassSeconds()).isZero();
        assertThat(a.minOutfileSize()).isEqualTo(-1);
        assertThat(a.fillTypes()).isEmpty();
        assertThat(a.verbosity()).isZero();
        assertThat(a.previewLines()).isZero();
        assertThat(a.eventLog()).isEmpty();
        assertThat(a.rateLog()).isEmpty();
        assertThat(a.readLog()).isEmpty();
        assertThat(List.of(a.mapfileSaveIntervalSeconds(), a.mapfileSyncIntervalSeconds())).containsExactly(-1, 300);
        assertThat(List.of(a.looseDomain(), a.tryAgain(), a.retrim(), a.noTrim(), a.noScrape(), a.reverse(),
                a.unidirectional(), a.completeOnly(), a.newBadAreasOnly(), a.resetSlow(), a.directInput(),
                a.directOutput(), a.synchronousWrites(), a.sparse(), a.preallocate(), a.truncateOutput(),
                a.compareBeforeWrite(), a.force(), a.reopenOnError(), a.verifyOnError(), a.verifyInputSize(),
                a.sameFile(), a.ask(), a.fillWritesLocation(), a.ignoreWriteErrors(), a.binaryPrefixes()))
                .containsOnly(false);
    }

    @Test
    void shouldSetEveryFlag() throws UsageException {
        record Flag(String option, Function<RescueOptions, Boolean> value) {
        }
        List<Flag> flags = List.of(
                new Flag("-A", RescueOptions::tryAgain), new Flag("-B", RescueOptions::binaryPrefixes),
                new Flag("-C", RescueOptions::completeOnly), new Flag("-d", RescueOptions::directInput),
                new Flag("-D", RescueOptions::directOutput), new Flag("-f", RescueOptions::force),
                new Flag("-I", RescueOptions::verifyInputSize), new Flag("-J", RescueOptions::verifyOnError),
                new Flag("-L", RescueOptions::looseDomain), new Flag("-M", RescueOptions::retrim),
                new Flag("-n", RescueOptions::noScrape), new Flag("-N", RescueOptions::noTrim),
                new Flag("-O", RescueOptions::reopenOnError), new Flag("-p", RescueOptions::preallocate),
                new Flag("-R", RescueOptions::reverse), new Flag("-S", RescueOptions::sparse),
                new Flag("-t", RescueOptions::truncateOutput), new Flag("-u", RescueOptions::unidirectional),
                new Flag("-w", RescueOptions::ignoreWriteErrors),
                new Flag("-W", RescueOptions::compareBeforeWrite),
                new Flag("-y", RescueOptions::synchronousWrites), new Flag("--ask", RescueOptions::ask),
                new Flag("--reset-slow", RescueOptions::resetSlow),
                new Flag("--same-file", RescueOptions::sameFile));
        for (Flag flag : flags) {
            assertThat(flag.value().apply(parse(flag.option()))).as(flag.option()).isTrue();
            // and no other flag: each option sets its own field
            RescueOptions a = parse(flag.option());
            long others = flags.stream().filter(f -> f != flag && f.value().apply(a)).count();
            assertThat(others).as("flags set by " + flag.option()).isZero();
        }
    }

    @Test
    void shouldReadEveryValueOption() throws UsageException {
        assertThat(parse("-a", "1k").minReadRate()).isEqualTo(1000);
        assertThat(parse("-a0").minReadRate()).isEqualTo(0);
        assertThat(parse("-b", "4096").sectorSize()).isEqualTo(4096);
        assertThat(parse("-c", "16").clusterSectors()).isEqualTo(16);
        assertThat(parse("-e", "5").maxBadAreas()).isEqualTo(5);
        assertThat(parse("-e", "5").newBadAreasOnly()).isFalse();
        assertThat(parse("-e+0x10").maxBadAreas()).isEqualTo(16);
        assertThat(parse("-e+0x10").newBadAreasOnly()).isTrue();
        assertThat(parse("-E", "1Mi").maxErrorRate()).isEqualTo(1 << 20);
        assertThat(parse("-H", "t.map").testModeMapfile()).contains("t.map");
        assertThat(parse("-i", "0x1000").inputPosition()).isEqualTo(4096);
        assertThat(parse("-m", "d.map").domainMapfile()).contains("d.map");
        assertThat(parse("-o", "1k").outputPosition()).isEqualTo(1000);
        assertThat(parse("-i", "10", "-o", "4").outputOffset()).isEqualTo(-6);
        assertThat(parse("-i", "10").outputOffset()).as("-o defaults to -i").isZero();
        assertThat(parse("-P").previewLines()).isEqualTo(3);
        assertThat(parse("-P7").previewLines()).isEqualTo(7);
        assertThat(parse("--data-preview=").previewLines()).isEqualTo(3);
        assertThat(parse("--data-preview=32").previewLines()).isEqualTo(32);
        assertThat(parse("-r", "-1").maxRetries()).isEqualTo(-1);
        assertThat(parse("-r", "1073741823").maxRetries()).isEqualTo(1073741823);
        assertThat(parse("-s", "-1").maxSize()).isEqualTo(-1);
        assertThat(parse("-s", "0").maxSize()).isZero();
        assertThat(parse("-T", "1.5m").timeoutSeconds()).isEqualTo(90);
        assertThat(parse("-x", "1Gi").minOutfileSize()).isEqualTo(1L << 30);
        assertThat(parse("-X", "0").maxReadErrors()).isEqualTo(0);
        assertThat(parse("--exit-on-error").maxReadErrors()).isEqualTo(0);
        assertThat(parse("-Z", "1Mis").maxReadRate()).isEqualTo(512L << 20);
        assertThat(parse("--cpass=2,4").copyPasses()).isEqualTo(CopyPasses.parse("2,4"));
        assertThat(parse("--cpass=0").copyPasses()).isEqualTo(CopyPasses.NONE);
        assertThat(parse("--delay-slow=0").delaySlowSeconds()).isZero();
        assertThat(parse("--delay-slow=2m").delaySlowSeconds()).isEqualTo(120);
        assertThat(parse("--log-events=e.log").eventLog()).contains("e.log");
        assertThat(parse("--log-rates=r.log").rateLog()).contains("r.log");
        assertThat(parse("--log-reads=x.log").readLog()).contains("x.log");
        assertThat(parse("--log-reads=a", "--log-reads=b").readLog()).as("the last one wins").contains("b");
        RescueOptions intervals = parse("--mapfile-interval=0,10");
        assertThat(List.of(intervals.mapfileSaveIntervalSeconds(), intervals.mapfileSyncIntervalSeconds()))
                .containsExactly(0, 10);
        assertThat(parse("--max-slow-reads=3").maxSlowReads()).isEqualTo(3);
        assertThat(parse("--pause-on-pass=1h").pauseOnPassSeconds()).isEqualTo(3600);
        assertThat(parse("-K", "0").skipSize()).as("skipping disabled").isZero();
    }

    @Test
    void shouldReadBothFormsOfPauseOnError() throws UsageException {
        RescueOptions real = parse("--pause-on-error=2");
        assertThat(real.pauseOnErrorNanos()).isEqualTo(2_000_000_000L);
        assertThat(real.simulatedPauseOnError()).isFalse();
        RescueOptions simulated = parse("--pause-on-error=s0.25");
        assertThat(simulated.pauseOnErrorNanos()).isEqualTo(250_000_000L);
        assertThat(simulated.simulatedPauseOnError()).isTrue();
        assertThat(parse("--pause-on-error=s0").simulatedPauseOnError()).isTrue();
        assertThat(refusal("--pause-on-error=1.5", "i", "o"))
                .isEqualTo("'1.5': Bad value in time interval argument of option '--pause-on-error'.");
        // the message quotes the value without its 's'
        assertThat(refusal("--pause-on-error=sx", "i", "o"))
                .isEqualTo("'x': Bad value in time interval argument of option '--pause-on-error'.");
        assertThat(refusal("--pause-on-error=s", "i", "o"))
                .isEqualTo("'': Bad value in time interval argument of option '--pause-on-error'.");
        assertThat(refusal("--pause-on-error=s1/200", "i", "o"))
                .isEqualTo("'1/200': Bad value in time interval argument of option '--pause-on-error'.");
    }

    @Test
    void shouldReadFillTypesWithLocationFlag() throws UsageException {
        RescueOptions a = parse("-F", "?+l");
        assertThat(a.mode()).isEqualTo(OperationMode.FILL);
        assertThat(a.fillTypes()).containsExactlyInAnyOrder(BlockStatus.NON_TRIED, BlockStatus.FINISHED);
        assertThat(a.fillWritesLocation()).isTrue();
        assertThat(parse("-F-").fillWritesLocation()).isFalse();
        assertThat(parse("-F+", "-F/").fillTypes()).as("the last -F wins").containsExactly(BlockStatus.NON_SCRAPED);
        assertThat(refusal("-Fi", "in", "out", "map")).isEqualTo("'i': Invalid type in argument of option '-F'.");
        assertThat(refusal("-F+x", "in", "out", "map")).isEqualTo("'+x': Invalid type in argument of option '-F'.");
        assertThat(refusal("-Fl", "in", "out", "map")).isEqualTo("'l': Missing type in argument of option '-F'.");
        assertThat(refusal("--fill-mode=ll", "in", "out"))
                .isEqualTo("'ll': Missing type in argument of option '--fill-mode'.");
    }

    @Test
    void shouldUseTheSectorSizeInEffectAtThatPointOfTheCommandLine() throws UsageException {
        // spec 2.1: "-i 1s -b 4096" means 512 bytes
        assertThat(parse("-i", "1s", "-b", "4096").inputPosition()).isEqualTo(512);
        assertThat(parse("-b", "4096", "-i", "1s").inputPosition()).isEqualTo(4096);
        RescueOptions a = parse("-b", "1000", "-a", "1s", "-E", "2s", "-o", "3s", "-s", "4s", "-x", "5s",
                "-Z", "6s", "-K", "128s,256s", "-b", "2048");
        assertThat(a.sectorSize()).isEqualTo(2048);
        assertThat(a.minReadRate()).isEqualTo(1000);
        assertThat(a.maxErrorRate()).isEqualTo(2000);
        assertThat(a.outputPosition()).isEqualTo(3000);
        assertThat(a.maxSize()).isEqualTo(4000);
        assertThat(a.minOutfileSize()).isEqualTo(5000);
        assertThat(a.maxReadRate()).isEqualTo(6000);
        assertThat(List.of(a.skipSize(), a.maxSkipSize())).containsExactly(128_000L, 256_000L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-b|-b", "-c|-c", "-e|-e", "-P|-P", "-r|-r", "-X|-X", "--max-slow-reads=|--max-slow-reads"})
    void shouldRefuseSectorsWhereDdrescueCountsNoSectors(String attachedTo, String optionName) {
        assertThat(refusal(attachedTo + "1s", "in", "out"))
                .isEqualTo("'1s': Bad multiplier in numerical argument of option '" + optionName + "'.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-a|-1|'-1': Value out of limits [0,9_223_372_036_854_775_807] in option '-a'.",
            "-b|0|'0': Value out of limits [1,256Mi] in option '-b'.",
            "-b|256Mi1|'256Mi1': Bad multiplier in numerical argument of option '-b'.",
            "-b|268435457|'268435457': Value out of limits [1,256Mi] in option '-b'.",
            "-c|0|'0': Value out of limits [1,2_147_483_647] in option '-c'.",
            "-c|2Gi|'2Gi': Value out of limits [1,2_147_483_647] in option '-c'.",
            "-e|-1|'-1': Value out of limits [0,9_223_372_036_854_775_807] in option '-e'.",
            "-e|s|'s': Bad or missing numerical argument in option '-e'.",
            "-E|-1|'-1': Value out of limits [0,9_223_372_036_854_775_807] in option '-E'.",
            "-i|-1|'-1': Value out of limits [0,9_223_372_036_854_775_807] in option '-i'.",
            "-i|0,|'0,': Bad multiplier in numerical argument of option '-i'.",
            "-i|8Ei|'8Ei': Value out of limits [0,9_223_372_036_854_775_807] in option '-i'.",
            "-o|-1|'-1': Value out of limits [0,9_223_372_036_854_775_807] in option '-o'.",
            "-P0||'0': Value out of limits [1,32] in option '-P'.",
            "-P33||'33': Value out of limits [1,32] in option '-P'.",
            "-r|-2|'-2': Value out of limits [-1,1_073_741_823] in option '-r'.",
            "-r|1Gi|'1Gi': Value out of limits [-1,1_073_741_823] in option '-r'.",
            "-s|-2|'-2': Value out of limits [-1,9_223_372_036_854_775_807] in option '-s'.",
            "-x|0|'0': Value out of limits [1,9_223_372_036_854_775_807] in option '-x'.",
            "-X|-1|'-1': Value out of limits [0,9_223_372_036_854_775_807] in option '-X'.",
            "-Z|0|'0': Value out of limits [1,9_223_372_036_854_775_807] in option '-Z'.",
            "--max-slow-reads|-1|'-1': Value out of limits [0,9_223_372_036_854_775_807] in option '--max-slow-reads'.",
            "--min-read-rate|1K|'1K': Bad multiplier in numerical argument of option '--min-read-rate'.",
            "-T|1.5|'1.5': Bad value in time interval argument of option '-T'.",
            "--delay-slow|-1|'-1': Bad value in time interval argument of option '--delay-slow'.",
            "--pause-on-pass|1/2|'1/2': Bad value in time interval argument of option '--pause-on-pass'."})
    void shouldEnforceDdrescuesLimits(String option, String value, String message) {
        // -P takes its optional value only when attached, so those rows carry it in the option
        String[] args = value == null ? new String[] {option, "in", "out"} : new String[] {option, value, "in", "out"};
        assertThat(refusal(args)).isEqualTo(message);
    }

    @Test
    void shouldRefuseEveryMalformedMultiplierOfTheTestSuite() {
        // spec 5.1 item 2
        for (String m : List.of("1ki", "1K", "1BB", "1Bi", "1Bk", "1Bs", "1iB", "1ii", "1ik", "1is", "1kk", "1sB",
                "1si", "1sk", "1ss")) {
            assertThat(refusal("-a", m, "in", "out"))
                    .isEqualTo("'" + m + "': Bad multiplier in numerical argument of option '-a'.");
        }
    }

    @Test
    void shouldClampTheClusterToTheSectorSize() throws UsageException {
        assertThat(parse("-b", "4096").clusterSectors()).isEqualTo(16);
        assertThat(parse("-b", "1").clusterSectors()).isEqualTo(65536);
        assertThat(parse("-b", "256Mi").clusterSectors()).as("one sector is more than 64 KiB").isEqualTo(1);
        assertThat(parse("-b", "100000").clusterSectors()).isEqualTo(1);
        assertThat(parse("-c", "2147483647").clusterSectors()).isEqualTo(Integer.MAX_VALUE / 512 - 1);
        assertThat(parse("-c", "4194303").clusterSectors()).isEqualTo(4194302);
        assertThat(parse("-c", "4194302").clusterSectors()).isEqualTo(4194302);
        assertThat(parse("-b", "256Mi", "-c", "7").clusterSectors()).isEqualTo(6);
        // the clamp uses the final sector size, whatever the order
        assertThat(parse("-c", "1000000", "-b", "4096").clusterSectors()).isEqualTo(Integer.MAX_VALUE / 4096 - 1);
    }

    @Test
    void shouldCountVerbosityUpToFour() throws UsageException {
        assertThat(parse("-v").verbosity()).isEqualTo(1);
        assertThat(parse("-vvvvvv").verbosity()).isEqualTo(4);
        assertThat(parse("-q").verbosity()).isEqualTo(-1);
        assertThat(parse("-q", "-v").verbosity()).isZero();
        assertThat(parse("-vvq").verbosity()).isEqualTo(-1);
    }

    @Test
    void shouldTellTheVerbosityInEffectWhereParsingStopped() {
        DdrescueArgumentParser quietFirst = new DdrescueArgumentParser(FileKinds.NONE);
        assertThatThrownBy(() -> quietFirst.parse("-q", "-b0", "in", "out")).isInstanceOf(UsageException.class);
        assertThat(quietFirst.verbosity()).isEqualTo(-1);
        DdrescueArgumentParser quietAfter = new DdrescueArgumentParser(FileKinds.NONE);
        assertThatThrownBy(() -> quietAfter.parse("-b0", "-q", "in", "out")).isInstanceOf(UsageException.class);
        assertThat(quietAfter.verbosity()).isZero();
    }

    @Test
    void shouldAllowOnlyOneOperation() throws UsageException {
        assertThat(refusal("-F+", "-G", "in", "out", "map")).isEqualTo("Only one operation can be specified. [help]");
        assertThat(refusal("-G", "--command-mode", "in", "out", "map"))
                .isEqualTo("Only one operation can be specified. [help]");
        assertThat(refusal("--command-mode", "-F+", "in", "out", "map"))
                .isEqualTo("Only one operation can be specified. [help]");
        assertThat(parse("-G", "-G").mode()).isEqualTo(OperationMode.GENERATE);
        assertThat(parse("--command-mode").mode()).isEqualTo(OperationMode.COMMAND);
        // the mode is taken before the types are checked
        assertThat(refusal("-G", "-Fi", "in", "out", "map")).isEqualTo("Only one operation can be specified. [help]");
    }

    @Test
    void shouldAllowEachMapfileOptionOnlyOnce() {
        assertThat(refusal("-m", "a", "-m", "a", "in", "out"))
                .isEqualTo("Option '-m' can be specified only once.");
        assertThat(refusal("-m", "a", "--domain-mapfile=b", "in", "out"))
                .isEqualTo("Option '--domain-mapfile' can be specified only once.");
        assertThat(refusal("-H", "a", "--test=b", "in", "out"))
                .isEqualTo("Option '--test-mode' can be specified only once.");
    }

    @Test
    void shouldRefuseLogFilesOnStandardOutputOrOnDevices() throws UsageException {
        assertThat(refusal("--log-events=-", "in", "out")).isEqualTo("I won't write log data to standard output.");
        assertThat(refusal("--log-rates", "-", "in", "out")).isEqualTo("I won't write log data to standard output.");
        FileKinds devices = name -> name.startsWith("/dev/");
        assertThatThrownBy(() -> new DdrescueArgumentParser(devices).parse("--log-reads=/dev/null", "in", "out"))
                .hasMessage("/dev/null: Logfile exists and is not a regular file.");
        // checked while reading the options: it comes before a later bad option
        assertThatThrownBy(() -> new DdrescueArgumentParser(devices).parse("--log-reads=/dev/null", "-b0", "i", "o"))
                .hasMessage("/dev/null: Logfile exists and is not a regular file.");
        var run = new DdrescueArgumentParser(devices).parse("--log-reads=reads.log", "in", "out");
        assertThat(((DdrescueArgumentParser.Run) run).options().readLog()).contains("reads.log");
    }

    @Test
    void shouldAcceptUnambiguousAbbreviationsAndClusters() throws UsageException {
        assertThat(parse("--cp=3").copyPasses()).isEqualTo(CopyPasses.parse("3"));
        assertThat(parse("--same").sameFile()).isTrue();
        assertThat(parse("--max-bad=4").maxBadAreas()).isEqualTo(4);
        assertThat(parse("--max-errors=4").maxBadAreas()).isEqualTo(4);
        assertThat(parse("--log-ev", "e.log").eventLog()).contains("e.log");
        assertThat(parse("--sec=4096", "--inp=1s").inputPosition()).isEqualTo(4096);
        RescueOptions clustered = parse("-vvfnNK0,64Ki");
        assertThat(clustered.verbosity()).isEqualTo(2);
        assertThat(clustered.force()).isTrue();
        assertThat(clustered.noScrape()).isTrue();
        assertThat(clustered.noTrim()).isTrue();
        assertThat(List.of(clustered.skipSize(), clustered.maxSkipSize())).containsExactly(0L, 65536L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--ex|option '--ex' is ambiguous [help]",
            "--max|option '--max' is ambiguous [help]",
            "--max-err=1|option '--max-err=1' is ambiguous [help]",
            "--log|option '--log' is ambiguous [help]",
            "--re|option '--re' is ambiguous [help]",
            "--bogus|unrecognized option '--bogus' [help]",
            "-k|invalid option -- 'k' [help]",
            "--ask=y|option '--ask' doesn't allow an argument [help]",
            "--cpass=|option '--cpass' requires an argument [help]"})
    void shouldRefuseBadOptionsAsDdrescuesArgParserDoes(String option, String message) {
        assertThat(refusal(option, "in", "out")).isEqualTo(message);
    }

    @Test
    void shouldRefuseAMissingArgument() {
        assertThat(refusal("in", "out", "-K")).isEqualTo("option requires an argument -- 'K' [help]");
        // -K takes the next word, whatever it is (spec 5.1 item 5)
        assertThat(refusal("-K", "in", "out", "map"))
                .isEqualTo("'in': Bad or missing numerical argument in option '-K'.");
    }

    @Test
    void shouldCountTheOperands() throws UsageException {
        assertThat(refusal("in")).isEqualTo("Both input and output files must be specified. [help]");
        assertThat(refusal()).isEqualTo("Both input and output files must be specified. [help]");
        assertThat(refusal("in", "out", "map", "x")).isEqualTo("Too many files. [help]");
        var noMap = new DdrescueArgumentParser(FileKinds.NONE).parse("in", "out");
        assertThat(((DdrescueArgumentParser.Run) noMap).mapfile()).isEqualTo(Optional.empty());
        // operands may come between options; after "--" everything is an operand
        var mixed = new DdrescueArgumentParser(FileKinds.NONE).parse("in", "-n", "out", "--", "-map");
        var a = (DdrescueArgumentParser.Run) mixed;
        assertThat(List.of(a.inputFile(), a.outputFile(), a.mapfile().orElseThrow())).containsExactly("in", "out", "-map");
        assertThat(a.options().noScrape()).isTrue();
        // a lone "-" is an operand
        var dash = new DdrescueArgumentParser(FileKinds.NONE).parse("-", "out");
        assertThat(((DdrescueArgumentParser.Run) dash).inputFile()).isEqualTo("-");
    }

    @Test
    void shouldStopAtHelpOrVersionButOnlyAfterTheOptionsBeforeThem() throws UsageException {
        assertThat(new DdrescueArgumentParser(FileKinds.NONE).parse("-h", "-b0"))
                .isInstanceOf(DdrescueArgumentParser.ShowHelp.class);
        assertThat(new DdrescueArgumentParser(FileKinds.NONE).parse("--vers"))
                .isInstanceOf(DdrescueArgumentParser.ShowVersion.class);
        assertThat(refusal("-b0", "-h")).isEqualTo("'0': Value out of limits [1,256Mi] in option '-b'.");
        // an unknown option is found before any option is applied
        assertThat(refusal("-h", "--bogus")).isEqualTo("unrecognized option '--bogus' [help]");
    }

    @Test
    void shouldGiveImmutableCollections() throws UsageException {
        RescueOptions a = parse("-F+", "--cpass=1");
        assertThatThrownBy(() -> a.fillTypes().add(BlockStatus.BAD_SECTOR))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(a.fillTypes()).isEqualTo(Set.of(BlockStatus.FINISHED));
    }

    @Test
    void shouldRecognizeEveryOptionOfDdrescuesTable() {
        assertThat(DdrescueArgumentParser.OPTIONS).hasSize(59);
        String shortLetters = DdrescueArgumentParser.OPTIONS.stream().filter(o -> o.code() < 256)
                .map(o -> String.valueOf((char) o.code())).distinct().sorted().reduce("", String::concat);
        assertThat(shortLetters).isEqualTo("ABCDEFGHIJKLMNOPRSTVWXZabcdefhimnopqrstuvwxy");
    }
}
