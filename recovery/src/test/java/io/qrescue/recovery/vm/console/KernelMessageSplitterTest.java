package io.qrescue.recovery.vm.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelMessageSplitterTest {

    private static final String MSG = "[  185.197586] md/raid1:md1: active with 1 out of 2 mirrors\r\n";

    @Test
    void shouldCutAMessageOutOfTheMiddleOfALine() {
        KernelMessageSplitter s = new KernelMessageSplitter();
        assertThat(s.feed("hello " + MSG + "world\r\n")).isEqualTo("hello world\r\n");
        assertThat(s.drainMessages()).containsExactly("[  185.197586] md/raid1:md1: active with 1 out of 2 mirrors");
    }

    @Test
    void shouldHoldBackAMessageSplitAcrossReadsAtEveryCutPoint() {
        String stream = "out1\r\n@@RC ab 1 " + MSG + "0@@\r\n[~] # ";
        for (int cut = 0; cut <= stream.length(); cut++) {
            KernelMessageSplitter s = new KernelMessageSplitter();
            String released = s.feed(stream.substring(0, cut)) + s.feed(stream.substring(cut));
            assertThat(released).as("cut at %d", cut).isEqualTo("out1\r\n@@RC ab 1 0@@\r\n[~] # ");
            assertThat(s.drainMessages()).hasSize(1);
        }
    }

    @Test
    void shouldReleaseBracketsThatAreNoMessage() {
        KernelMessageSplitter s = new KernelMessageSplitter();
        assertThat(s.feed("[~] # ")).isEqualTo("[~] # ");
        assertThat(s.feed("array [1, 2]\n")).isEqualTo("array [1, 2]\n");
        assertThat(s.feed("a [  12.3")).isEqualTo("a ");
        assertThat(s.feed("x]")).isEqualTo("[  12.3x]");
        assertThat(s.drainMessages()).isEmpty();
    }

    @Test
    void shouldNeverLetAMessageSwallowAnEndMarker() {
        KernelMessageSplitter s = new KernelMessageSplitter();
        String printed = "[    1.000000] looks like the kernel@@RC ab 3 0@@\r\n";
        assertThat(s.feed(printed)).isEqualTo(printed);
    }

    @Test
    void shouldGiveBackAnUnfinishedMessageOnFlush() {
        KernelMessageSplitter s = new KernelMessageSplitter();
        assertThat(s.feed("tail [ 1.000001] half")).isEqualTo("tail ");
        assertThat(s.flush()).isEqualTo("[ 1.000001] half");
    }

    @Test
    void shouldSplitRandomInterleavingsExactly() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            StringBuilder clean = new StringBuilder();
            StringBuilder wire = new StringBuilder();
            int messages = 0;
            for (int i = 0; i < 200; i++) {
                char c = "ab[]0123456789. \r\n#~".charAt(random.nextInt(20));
                if (random.nextInt(40) == 0) {
                    wire.append(String.format("[%5d.%06d] noise %d\r\n", random.nextInt(99999), random.nextInt(999999),
                            i));
                    messages++;
                }
                clean.append(c);
                wire.append(c);
            }
            // clean text that itself looks like a message would be cut too: skip such rounds
            if (clean.toString().matches("(?s).*\\[ *\\d+\\.\\d{6}\\].*")) {
                continue;
            }
            KernelMessageSplitter s = new KernelMessageSplitter();
            StringBuilder out = new StringBuilder();
            int pos = 0;
            while (pos < wire.length()) {
                int len = Math.min(wire.length() - pos, 1 + random.nextInt(30));
                out.append(s.feed(wire.substring(pos, pos + len)));
                pos += len;
            }
            out.append(s.flush());
            assertThat(out.toString()).as("round %d", round).isEqualTo(clean.toString());
            assertThat(s.drainMessages()).hasSize(messages);
        }
    }
}
