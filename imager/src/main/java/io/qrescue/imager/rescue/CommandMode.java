package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ddrescue 1.27's {@code --command-mode} (ddrescue: Rescuebook::do_commands): reads commands from standard input,
 * one per line, and answers each on standard output with {@code done} or {@code error[: why]}:
 * <ul>
 * <li>{@code c POS SIZE}: copy the blocks of {@code [POS, POS+SIZE)} that are not finished, cluster by cluster;
 *     what fails to read becomes bad-sector;</li>
 * <li>{@code s POS SIZE}: the map's blocks over {@code [POS, POS+SIZE)}, one {@code 0xPOS  0xSIZE  S} line each;</li>
 * <li>{@code u}: save the mapfile; {@code f}: compact it, save and finish; {@code q}: quit without saving;</li>
 * <li>the end of input acts as {@code f}; anything else is answered {@code error: unknown command}.</li>
 * </ul>
 * Numbers are C integers (decimal, {@code 0x} hex, leading-zero octal).
 */
final class CommandMode {

    private final RescueSession session;
    private final InputStream commands;
    private final OutputStream answers;
    private int retval;

    CommandMode(RescueSession session, InputStream commands, OutputStream answers) {
        this.session = session;
        this.commands = commands;
        this.answers = answers;
    }

    /** Runs the commands; returns ddrescue's exit code: 1 after an unknown command or a failure, else 0. */
    int run() throws InterruptedException {
        try {
            while (true) {
                String command = readCommand();
                if (command.equals("q")) {
                    break;
                }
                int tmp; // -1 finish, 0 OK, 1 error, 2 fatal error
                boolean finish = command.equals("f");
                if (finish || command.equals("u")) {
                    if (finish) {
                        session.map.blocks().compact();
                    }
                    tmp = !session.updateMapfile(true) ? (finish ? 2 : 1) : (finish ? -1 : 0);
                } else if (command.length() > 1 && command.charAt(0) == 'c') {
                    tmp = copy(command.substring(1));
                } else if (command.length() > 1 && command.charAt(0) == 's') {
                    tmp = status(command.substring(1));
                } else {
                    answer("error: unknown command '" + command + "'\n");
                    retval = 1;
                    continue;
                }
                if (tmp <= 0) {
                    answer("done\n");
                } else if (!session.message().isEmpty()) {
                    answer("error: " + session.message() + "\n");
                    session.setMessage("", RescueResult.Subject.NONE);
                } else {
                    answer("error\n");
                }
                if (tmp != 0) {
                    if (tmp > 0) {
                        retval = 1;
                    }
                    if (tmp != 1) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // standard output is gone: ddrescue stops as after a failed fflush
            retval = 1;
        }
        return retval;
    }

    /**
     * The next command with runs of blanks made one space and no leading blank; an empty line is skipped; the end
     * of input (even in the middle of a line, which is discarded) is {@code f}.
     */
    private String readCommand() throws IOException {
        StringBuilder command = new StringBuilder();
        while (true) {
            int c = commands.read();
            if (c == '\n') {
                if (command.length() > 0) {
                    return command.toString();
                }
                continue;
            }
            if (c < 0) {
                return "f";
            }
            if (!Character.isWhitespace(c)) {
                command.append((char) c);
            } else if (command.length() > 0 && command.charAt(command.length() - 1) != ' ') {
                command.append(' ');
            }
        }
    }

    /** {@code c POS SIZE}; 0 done, 1 bad arguments or a failure. */
    private int copy(String arguments) throws InterruptedException {
        long[] args = positionAndSize(arguments);
        if (args == null) {
            return 1;
        }
        long pos = args[0];
        long end = Block.between(args[0], args[0] + args[1]).end();
        while (pos < end) {
            Block b = ChunkFinder.forward(session.map.blocks(), new Block(pos, session.clusterBytes), null,
                    session.domain(), session.clusterBytes, false).chunk();
            if (b.size() <= 0 || b.pos() >= end) {
                break;
            }
            if (b.end() > end) {
                b = new Block(b.pos(), end - b.pos());
            }
            pos = b.end();
            long currentPos = session.map.currentPos(); // ddrescue's copy_block leaves current_pos alone
            RescueSession.Step step = session.copyAndUpdate(b, session.map.runStatus(), session.map.currentPass(),
                    session.map.message(), true, BlockStatus.BAD_SECTOR);
            session.map.currentPos(currentPos);
            if (step.flow() != Flow.OK) {
                return 1;
            }
        }
        return 0;
    }

    /** {@code s POS SIZE}; 1 for bad arguments or a position outside the map. */
    private int status(String arguments) throws IOException {
        long[] args = positionAndSize(arguments);
        if (args == null) {
            return 1;
        }
        Block range = Block.between(args[0], args[0] + args[1]);
        StatusBlock sb = session.map.blocks().blockContaining(range.pos());
        if (sb == null) {
            return 1;
        }
        StringBuilder lines = new StringBuilder();
        for (; sb != null && sb.pos() < range.end(); sb = session.map.blocks().blockAfter(sb)) {
            if (!session.domain().includes(sb.block()) && session.domain().isBefore(sb.block())) {
                break;
            }
            Block c = sb.block().crop(range);
            lines.append(String.format("0x%08X  0x%08X  %c\n", c.pos(), c.size(), sb.status().symbol()));
        }
        answer(lines.toString());
        return 0;
    }

    /** Two C integers, as sscanf("%lli %lli"); null unless POS >= 0 and SIZE > 0. */
    private static long[] positionAndSize(String text) {
        List<String> words = List.of(text.strip().split(" "));
        if (words.size() < 2) {
            return null;
        }
        try {
            long pos = Long.decode(words.get(0));
            long size = Long.decode(words.get(1));
            return pos >= 0 && size > 0 ? new long[] {pos, size} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void answer(String text) throws IOException {
        answers.write(text.getBytes(StandardCharsets.ISO_8859_1));
        answers.flush();
    }
}
