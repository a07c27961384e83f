package io.qrescue.recovery.vm.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a QNAP recovery kernel's serial console in a thread, as a tty would: boot messages, a banner and
 * {@code NAS login:}, a password prompt without echo, "Login incorrect", the prompt {@code [~] # }, echo of
 * typed keys, Ctrl-C. A seeded random "wire" cuts what it prints into random pieces with small pauses and, when
 * asked, injects timestamped kernel messages at random places, also inside output lines and end markers.
 * Commands come from a table of scripted handlers; the shell understands the driver's wrapping as a shell would
 * run it: {@code ( CMD ) </dev/null 2>&1; echo "@@""RC <nonce> <n> $?@@"}.
 */
final class FakeQnapConsole implements Runnable {

    /** A scripted command: prints through {@code io} and returns its exit status. */
    interface Command {
        int run(Io io) throws IOException, InterruptedException;
    }

    private static final Pattern WRAPPED = Pattern.compile(
            "\\( (.*) \\) </dev/null 2>&1; echo \"@@\"\"RC (\\w+) (\\d+) \\$\\?@@\"");
    private static final Pattern HANDSHAKE = Pattern.compile(
            "stty -echo 2>/dev/null; PS1=''; PS2=''; echo \"@@\"\"RC (\\w+) (\\d+) \\$\\?@@\"");
    private static final Pattern BARE_MARKER = Pattern.compile("echo \"@@\"\"RC (\\w+) (\\d+) \\$\\?@@\"");

    private final ByteQueue toDriver = new ByteQueue();
    private final ByteQueue fromDriver = new ByteQueue();
    private final Random random;
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Map<Integer, List<String>> injectedBySequence = new ConcurrentHashMap<>();
    private String user = "admin";
    private String password = "admin";
    private double noisePerChar;
    private int maxChunk = 64;
    private long lostInputMillisAfterPrompt;
    private long lostInputMillisAfterLoginPrompt;
    private int bootMessages = 5;
    private boolean echo = true;
    private String prompt = "[~] # ";
    private int lastStatus;
    private volatile boolean noiseOn;
    private volatile int currentSequence = -1;
    private double kernelClock = 3.0;
    private final Thread thread = new Thread(this, "fake-qnap-console");

    FakeQnapConsole(long seed) {
        this.random = new Random(seed);
        thread.setDaemon(true);
        command("echo (.*)", (io, m) -> {
            io.print(m.group(1) + "\n");
            return 0;
        });
        command("seq 1 (\\d+)", (io, m) -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= Integer.parseInt(m.group(1)); i++) {
                sb.append(i).append('\n');
            }
            io.print(sb.toString());
            return 0;
        });
        command("printf '([^']*)'", (io, m) -> {
            io.print(m.group(1));
            return 0;
        });
        command("exit (\\d+)", (io, m) -> Integer.parseInt(m.group(1)));
        command("false", (io, m) -> 1);
        command("slow (\\d+)", (io, m) -> {
            for (int i = 1; i <= Integer.parseInt(m.group(1)); i++) {
                Thread.sleep(random.nextInt(15));
                io.print("slow-" + i + "\n");
            }
            return 0;
        });
        command("hang", (io, m) -> {
            io.print("waiting forever\n");
            io.awaitInterrupt();
            io.print("^C\n");
            return 130;
        });
        command("hang-hard", (io, m) -> {
            io.ignoreInputForever();
            return 0;
        });
    }

    /** A command by regular expression over the whole command text; groups go to the handler. */
    interface MatchedCommand {
        int run(Io io, Matcher m) throws IOException, InterruptedException;
    }

    FakeQnapConsole command(String regex, MatchedCommand handler) {
        Pattern p = Pattern.compile(regex);
        commands.put(regex, io -> {
            Matcher m = p.matcher(io.commandText);
            if (!m.matches()) {
                throw new IllegalStateException();
            }
            return handler.run(io, m);
        });
        return this;
    }

    FakeQnapConsole credentials(String newUser, String newPassword) {
        this.user = newUser;
        this.password = newPassword;
        return this;
    }

    /** Probability, per printed character of command output, of a kernel message just before it. */
    FakeQnapConsole kernelNoise(double perChar) {
        this.noisePerChar = perChar;
        return this;
    }

    FakeQnapConsole maxChunk(int chars) {
        this.maxChunk = chars;
        return this;
    }

    /** The shell prints its prompt before it reads the tty: keys typed this soon after are lost. */
    FakeQnapConsole lostInputAfterPrompt(long millis) {
        this.lostInputMillisAfterPrompt = millis;
        return this;
    }

    /** getty prints the login prompt before it reads the tty: a name typed this soon after is lost. */
    FakeQnapConsole lostInputAfterLoginPrompt(long millis) {
        this.lostInputMillisAfterLoginPrompt = millis;
        return this;
    }

    /** How many kernel messages were injected during commands, all in all. */
    int injectedTotal() {
        return injectedBySequence.values().stream().mapToInt(List::size).sum();
    }

    InputStream vmOutput() {
        return toDriver.inputStream();
    }

    OutputStream vmInput() {
        return fromDriver.outputStream();
    }

    void start() {
        thread.start();
    }

    /** Stops the console as if qemu exited: the driver's reader sees the end. */
    void powerOff() {
        toDriver.close();
        fromDriver.close();
    }

    /** Kernel messages injected while command {@code sequence} ran (up to its end marker). */
    List<String> injectedDuring(int sequence) {
        return injectedBySequence.getOrDefault(sequence, List.of());
    }

    @Override
    public void run() {
        try {
            boot();
            if (!login()) {
                return;
            }
            shell();
        } catch (IOException | InterruptedException e) {
            // the driver closed the pipes: the VM is "off"
        }
    }

    private void boot() throws IOException, InterruptedException {
        for (int i = 0; i < bootMessages; i++) {
            wirePrint(kernelMessage("boot step " + i) + "\r\n", false);
        }
        fromDriver.discardAll(); // typed before getty opened the tty: lost
        wirePrint("\r\nWelcome to the recovery kernel for QNAP product\r\n\r\nuse admin/admin for login\r\n\r\n", false);
    }

    private boolean login() throws IOException, InterruptedException {
        boolean first = true;
        while (true) {
            wirePrint("NAS login: ", false);
            if (first && lostInputMillisAfterLoginPrompt > 0) {
                Thread.sleep(lostInputMillisAfterLoginPrompt);
                fromDriver.discardAll();
            }
            first = false;
            String name = readLine(true);
            if (name == null) {
                return false;
            }
            if (name.isEmpty()) {
                continue;
            }
            wirePrint("Password: ", false);
            String pw = readLine(false);
            if (pw == null) {
                return false;
            }
            wirePrint("\r\n", false);
            if (name.equals(user) && pw.equals(password)) {
                return true;
            }
            Thread.sleep(20);
            wirePrint("\r\nLogin incorrect\r\n", false);
        }
    }

    private void shell() throws IOException, InterruptedException {
        // busybox ash with line editing asks the terminal where the cursor is right after its prompt
        wirePrint(prompt + "\u001b[6n", false);
        if (lostInputMillisAfterPrompt > 0) {
            Thread.sleep(lostInputMillisAfterPrompt);
            fromDriver.discardAll();
        }
        while (true) {
            String line = readLine(echo);
            if (line == null) {
                return;
            }
            Matcher wrapped = WRAPPED.matcher(line);
            Matcher handshake = HANDSHAKE.matcher(line);
            Matcher bare = BARE_MARKER.matcher(line);
            if (handshake.matches()) {
                echo = false;
                prompt = "";
                printMarker(handshake.group(1), Integer.parseInt(handshake.group(2)), 0);
            } else if (wrapped.matches()) {
                int n = Integer.parseInt(wrapped.group(3));
                currentSequence = n;
                noiseOn = true;
                lastStatus = runCommand(wrapped.group(1));
                printMarker(wrapped.group(2), n, lastStatus);
            } else if (bare.matches()) {
                printMarker(bare.group(1), Integer.parseInt(bare.group(2)), lastStatus);
            } else if (!line.isEmpty()) {
                wirePrint("sh: " + line.split(" ")[0] + ": not found\r\n", false);
                lastStatus = 127;
            }
            wirePrint(prompt, false);
        }
    }

    private int runCommand(String text) throws IOException, InterruptedException {
        Io io = new Io(text);
        List<Map.Entry<String, Command>> newestFirst = new ArrayList<>(commands.entrySet());
        java.util.Collections.reverse(newestFirst);
        for (Map.Entry<String, Command> e : newestFirst) {
            if (text.matches(e.getKey())) {
                return e.getValue().run(io);
            }
        }
        io.print("sh: " + text.split(" ")[0] + ": not found\n");
        return 127;
    }

    private void printMarker(String nonce, int n, int status) throws IOException, InterruptedException {
        String marker = "@@RC " + nonce + " " + n + " " + status + "@@\r";
        wirePrint(marker, noiseOn);
        noiseOn = false;
        wirePrint("\n", false);
        currentSequence = -1;
    }

    /** Reads a line as a canonical-mode tty gives it, echoing if asked; Ctrl-C drops the line. */
    private String readLine(boolean echoKeys) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = fromDriver.readByte(1000);
            if (b == -1) {
                return null;
            }
            if (b == -2) {
                continue;
            }
            if (b == 3) {
                wirePrint("^C\r\n", false);
                line.setLength(0);
                continue;
            }
            if (b == '\n') {
                if (echoKeys) {
                    wirePrint("\r\n", false);
                }
                return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
            line.append((char) b);
            if (echoKeys) {
                wirePrint(String.valueOf((char) b), false);
            }
        }
    }

    private String kernelMessage(String text) {
        kernelClock += random.nextDouble();
        return String.format("[%12.6f] %s", kernelClock, text);
    }

    /** Prints as a tty with ONLCR would ("\n" becomes "\r\n"), in random pieces, with kernel noise if on. */
    private void wirePrint(String s, boolean noise) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (noise && noisePerChar > 0 && random.nextDouble() < noisePerChar) {
                String msg = kernelMessage(random.nextBoolean() ? "md/raid1:md1: active with 1 out of 2 mirrors"
                        : "device-mapper: thin: maybe_resize_data_dev: expand pool origin max threshold to 320");
                out.append(msg).append("\r\n");
                injectedBySequence.computeIfAbsent(currentSequence, k -> new ArrayList<>()).add(msg);
            }
            out.append(s.charAt(i));
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        int pos = 0;
        while (pos < bytes.length) {
            int len = Math.min(bytes.length - pos, 1 + random.nextInt(maxChunk));
            toDriver.write(bytes, pos, len);
            pos += len;
            if (random.nextInt(50) == 0) {
                Thread.sleep(random.nextInt(3));
            }
        }
    }

    /** What a running scripted command can do. */
    final class Io {
        final String commandText;

        Io(String commandText) {
            this.commandText = commandText;
        }

        /** Prints command output (UTF-8, "\n" line ends). */
        void print(String text) throws IOException, InterruptedException {
            String chars = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            wirePrint(chars.replace("\n", "\r\n"), noiseOn);
        }

        /** Blocks until Ctrl-C is typed (echoed as the tty does), discarding other keys. */
        void awaitInterrupt() throws IOException {
            while (true) {
                int b = fromDriver.readByte(1000);
                if (b == -1) {
                    throw new IOException("closed");
                }
                if (b == 3) {
                    return;
                }
            }
        }

        /** Never returns until the pipes close: a command that ignores Ctrl-C. */
        void ignoreInputForever() throws IOException {
            while (fromDriver.readByte(1000) != -1) {
                // keys vanish
            }
            throw new IOException("closed");
        }
    }
}
