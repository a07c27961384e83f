package io.qrescue.recovery.vm.console;

import java.time.Duration;

/**
 * How patiently the shell is (re)synchronised: handshake rounds after the login (keys typed before the tty is
 * open are lost, so the handshake is typed again each round) and rounds of Ctrl-C plus marker after a command
 * timed out.
 */
record ShellTiming(Duration handshakeRound, int handshakeRounds, Duration resyncRound, int resyncRounds) {

    static final ShellTiming DEFAULT = new ShellTiming(Duration.ofSeconds(3), 8, Duration.ofSeconds(3), 4);
}
