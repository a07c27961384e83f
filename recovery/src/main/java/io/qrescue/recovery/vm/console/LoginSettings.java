package io.qrescue.recovery.vm.console;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to log in on the console and how long each stage may take. The defaults fit QNAP's recovery kernel
 * ({@code NAS login:}, admin/admin, prompt {@code [~] # }) and busybox or util-linux getty/login.
 *
 * @param user             login name typed at the login prompt
 * @param password         password typed at the password prompt
 * @param bootTimeout      from the start until the first login prompt (a TCG boot is slow)
 * @param stepTimeout      each later login stage: password prompt, shell prompt, one handshake round
 * @param loginPrompt      the login prompt
 * @param passwordPrompt   the password prompt
 * @param refusal          what login prints when it refuses the password
 * @param shellPrompt      the end of a shell prompt (only a hint: a handshake proves the shell)
 */
public record LoginSettings(String user, String password, Duration bootTimeout, Duration stepTimeout,
                            Pattern loginPrompt, Pattern passwordPrompt, Pattern refusal, Pattern shellPrompt) {

    /** QNAP's recovery-kernel login: admin/admin, 10 minutes to boot, 20 s per later stage. */
    public static final LoginSettings QNAP_DEFAULTS = new LoginSettings("admin", "admin", Duration.ofMinutes(10),
            Duration.ofSeconds(20),
            // "NAS login: ", "debian login: ", "login: "; not the "Last login:" line of a motd
            Pattern.compile("(?i)(?<!last )login: ?"),
            Pattern.compile("(?i)password: ?"),
            Pattern.compile("(?i)login incorrect|authentication failure|incorrect password|login failed"),
            // busybox ash follows its prompt with ESC[6n (where is the cursor?) when line editing is on
            Pattern.compile("[#$>] ?(?=\\z|\\r|\\n|\u001b)"));

    public LoginSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.contains("\n") || password.contains("\n")) {
            throw new IllegalArgumentException("user must be non-empty; user and password must be one line");
        }
        if (bootTimeout.isNegative() || bootTimeout.isZero() || stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** The same settings with another user and password. */
    public LoginSettings withCredentials(String newUser, String newPassword) {
        return new LoginSettings(newUser, newPassword, bootTimeout, stepTimeout, loginPrompt, passwordPrompt,
                refusal, shellPrompt);
    }

    /** The same settings with other timeouts. */
    public LoginSettings withTimeouts(Duration newBootTimeout, Duration newStepTimeout) {
        return new LoginSettings(user, password, newBootTimeout, newStepTimeout, loginPrompt, passwordPrompt,
                refusal, shellPrompt);
    }
}
