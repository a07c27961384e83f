package io.qrescue.recovery.vm.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConsoleDriverTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final LoginSettings FAST = LoginSettings.QNAP_DEFAULTS.withTimeouts(Duration.ofSeconds(30),
            Duration.ofSeconds(10));
    private static final ShellTiming QUICK = new ShellTiming(Duration.ofMillis(400), 20, Duration.ofMillis(300), 3);

    /** A command, what it must print (UTF-8, "\n" ends) and its exit status. */
    record Expected(String command, String output, int status) {
    }

    private static List<Expected> script(Random random) {
        List<Expected> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(new Expected("echo line-" + i, "line-" + i + "\n", 0));
        }
        int lines = 200 + random.nextInt(3000);
        StringBuilder seq = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            seq.append(i).append('\n');
        }
        all.add(new Expected("seq 1 " + lines, seq.toString(), 0));
        all.add(new Expected("printf 'no-newline'", "no-newline", 0));
        all.add(new Expected("exit 7", "", 7));
        all.add(new Expected("false", "", 1));
        all.add(new Expected("slow 5", "slow-1\nslow-2\nslow-3\nslow-4\nslow-5\n", 0));
        all.add(new Expected("echo Umlaute äöü, spaces and $HOME", "Umlaute äöü, spaces and $HOME\n", 0));
        all.add(new Expected("echo @@RC 0000 3 0@@ a forged marker", "@@RC 0000 3 0@@ a forged marker\n", 0));
        all.add(new Expected("echo [~] # a prompt-like line", "[~] # a prompt-like line\n", 0));
        all.add(new Expected("nosuchtool --x", "sh: nosuchtool: not found\n", 127));
        List<Expected> shuffled = new ArrayList<>(all);
        java.util.Collections.shuffle(shuffled, random);
        return shuffled;
    }

    static Stream<Long> seeds() {
        return IntStream.rangeClosed(1, 40).mapToObj(i -> 0x5EEDL * i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldRunEveryCommandExactlyUnderRandomChunkingAndKernelNoise(long seed) throws Exception {
        Random random = new Random(seed);
        FakeQnapConsole fake = new FakeQnapConsole(seed).kernelNoise(random.nextInt(4) * 0.004)
                .maxChunk(1 + random.nextInt(200));
        fake.start();
        try (SerialConsole console = SerialConsole.start(fake.vmOutput(), fake.vmInput(), ConsoleRecorder.NONE)) {
            ConsoleLogin.Outcome login = new ConsoleLogin(FAST, QUICK).login(console);
            // the prompt is followed by busybox ash's ESC[6n: still a prompt
            assertThat(login.shellPromptSeen()).isTrue();
            int kernelMessagesSeen = 0;
            for (Expected e : script(random)) {
                CommandResult r = login.shell().run(e.command(), COMMAND_TIMEOUT);
                assertThat(r.ended()).as(e.command()).isTrue();
                assertThat(r.output()).as(e.command()).isEqualTo(e.output());
                assertThat(r.exitStatus()).as(e.command()).isEqualTo(e.status());
                assertThat(r.kernelMessages()).as(e.command()).isEqualTo(fake.injectedDuring(r.sequence()));
                kernelMessagesSeen += r.kernelMessages().size();
            }
            assertThat(kernelMessagesSeen).isEqualTo(fake.injectedTotal());
        } finally {
            fake.powerOff();
        }
    }

    @Test
    void shouldSayPlainlyThatTheLoginWasRefused() throws Exception {
        FakeQnapConsole fake = new FakeQnapConsole(1).credentials("admin", "s3cret");
        fake.start();
        try (SerialConsole console = SerialConsole.start(fake.vmOutput(), fake.vmInput(), ConsoleRecorder.NONE)) {
            assertThatThrownBy(() -> new ConsoleLogin(FAST, QUICK).login(console))
                    .isInstanceOfSatisfying(ConsoleException.class,
                            e -> assertThat(e.problem()).isEqualTo(ConsoleException.Problem.LOGIN_REFUSED))
                    .hasMessageContaining("login as 'admin' refused: Login incorrect");
        } finally {
            fake.powerOff();
        }
    }

    @Test
    void shouldLogInWithOtherCredentials() throws Exception {
        FakeQnapConsole fake = new FakeQnapConsole(2).credentials("root", "pw with spaces");
        fake.start();
        try (SerialConsole console = SerialConsole.start(fake.vmOutput(), fake.vmInput(), ConsoleRecorder.NONE)) {
            ShellSession shell = new ConsoleLogin(FAST.withCredentials("root", "pw with spaces"), QUICK).login(console)
                    .shell();
            assertThat(shell.run("echo hi", COMMAND_TIMEOUT).output()).isEqualTo("hi\n");
        } finally {
            fake.powerOff();
        }
    }

    @Test
    void shouldTypeTheNameAgainWhenTheFirstKeysWereLost() throws Exception {
        FakeQnapConsole fake = new FakeQnapConsole(3).lostInputAfterLoginPrompt(200);
        fake.start();
        LoginSettings impatient = FAST.withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(600));
        try (SerialConsole console = SerialConsole.start(fake.vmOutput(), fake.vmInput(), ConsoleRecorder.NONE)) {
            ConsoleLogin.Outcome login = new ConsoleLogin(impatient, QUICK).login(console);
            assertThat(login.userAttempts()).isGreaterThan(1);
            assertThat(login.shell().run("echo after-retry", COMMAND_TIMEOUT).output()).isEqualTo("after-retry\n");
        } finally {
            fake.powerOff();
        }
    }

    @Test
    void shouldRetryTheHandshakeWhenTheShellWasNotReadingYet() throws Exception {
        FakeQnapConsole fake = new FakeQnapConsole(4).lostInputAfterPrompt(1000).kernelNoise(0.01);
        fake.start();
        try (SerialConsole console = SerialConsole.start(fake.vmOutput(), fake.vmInput(), ConsoleRecorder.NONE)) {
            ConsoleLogin.Outcome login = new ConsoleLogin(FAST, QUICK).login(console);
            assertThat(login.handshakeRounds()).isGreaterThan(1);
            for (int i = 0; i < 5; i++) {
                CommandResult r = login.shell().run("echo n" + i, COMMAND_TIMEOUT);
                assertThat(r.output()).isEqualTo("n" + i + "\n");
            }
        } finally {
            fake.powerOff();
        }
    }

    @Test
    void shouldTimeOutACommandThatNeverEndsInterruptItAndGoOn() throws Exception {
        FakeQnapConsole fake = new FakeQnapConsole(5);
        fake.start();
        try (SerialConsole console = SerialConsole.start(fake.vmOutput(), fake.vmInput(), ConsoleRecorder.NONE)) {
            ShellSession shell = new ConsoleLogin(FAST, QUICK).login(console).shell();
            CommandResult hung = shell.run("hang", Duration.ofMillis(500));
            assertThat(hung.ended()).isFalse();
            assertThat(hung.exitStatus()).isEqualTo(-1);
            assertThat(hung.output()).contains("waiting forever");
            CommandResult next = shell.run("echo still-here", COMMAND_TIMEOUT);
            assertThat(next.output()).isEqualTo("still-here\n");
            assertThat(next.succeeded()).isTrue();
        } finally {
            fake.powerOff();
        }
    }

    @Test
    void shouldReportTheShellLostWhenCtrlCDoesNotHelp() throws Exception {
        FakeQnapConsole fake = new FakeQnapConsole(6);
        fake.start();
        try (SerialConsole console = SerialConsole.start(fake.vmOutput(), fake.vmInput(), ConsoleRecorder.NONE)) {
            ShellSession shell = new ConsoleLogin(FAST, QUICK).login(console).shell();
            CommandResult hung = shell.run("hang-hard", Duration.ofMillis(300));
            assertThat(hung.ended()).isFalse();
            assertThatThrownBy(() -> shell.run("echo x", COMMAND_TIMEOUT))
                    .isInstanceOfSatisfying(ConsoleException.class,
                            e -> assertThat(e.problem()).isEqualTo(ConsoleException.Problem.SHELL_LOST))
                    .hasMessageMatching("command \\d+ \\(hang-hard\\) never ended and did not stop on Ctrl-C; the shell no longer answers");
        } finally {
            fake.powerOff();
        }
    }

    @Test
    void shouldSayTheVmStoppedWhenTheConsoleEndsMidCommand() throws Exception {
        FakeQnapConsole fake = new FakeQnapConsole(7);
        fake.start();
        try (SerialConsole console = SerialConsole.start(fake.vmOutput(), fake.vmInput(), ConsoleRecorder.NONE)) {
            ShellSession shell = new ConsoleLogin(FAST, QUICK).login(console).shell();
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                fake.powerOff();
            });
            stopper.start();
            assertThatThrownBy(() -> shell.run("hang-hard", COMMAND_TIMEOUT))
                    .isInstanceOfSatisfying(ConsoleException.class,
                            e -> assertThat(e.problem()).isEqualTo(ConsoleException.Problem.CLOSED))
                    .hasMessageMatching("the console ended \\(the VM stopped\\) while waiting for the end of command \\d+ \\(hang-hard\\)");
            stopper.join();
        } finally {
            fake.powerOff();
        }
    }

    @Test
    void shouldTimeOutWhenNoLoginPromptComes() throws Exception {
        ByteQueue silent = new ByteQueue();
        ByteQueue typed = new ByteQueue();
        silent.write("[    0.000000] Linux version 6.1\r\nKernel panic - not syncing\r\n".getBytes(), 0, 60);
        LoginSettings shortBoot = FAST.withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300));
        try (SerialConsole console = SerialConsole.start(silent.inputStream(), typed.outputStream(),
                ConsoleRecorder.NONE)) {
            assertThatThrownBy(() -> new ConsoleLogin(shortBoot, QUICK).login(console))
                    .isInstanceOfSatisfying(ConsoleException.class,
                            e -> assertThat(e.problem()).isEqualTo(ConsoleException.Problem.TIMEOUT))
                    .hasMessage("no login prompt within 300 ms");
        }
    }

    @Test
    void shouldRefuseMultiLineAndOverlongCommands() throws Exception {
        FakeQnapConsole fake = new FakeQnapConsole(8);
        fake.start();
        try (SerialConsole console = SerialConsole.start(fake.vmOutput(), fake.vmInput(), ConsoleRecorder.NONE)) {
            ShellSession shell = new ConsoleLogin(FAST, QUICK).login(console).shell();
            assertThatThrownBy(() -> shell.run("echo a\necho b", COMMAND_TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> shell.run("echo " + "x".repeat(4000), COMMAND_TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(shell.run("echo ok", COMMAND_TIMEOUT).output()).isEqualTo("ok\n");
        } finally {
            fake.powerOff();
        }
    }
}
