package io.qrescue.recovery.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.testing.RandomVolume;
import io.qrescue.recovery.source.Damage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server against a small client of our own: every byte of the handshake and of the replies. */
class NbdServerTest {

    private static final int ACK = 1;
    private static final int INFO = 3;
    private static final int ERR_UNSUP = 0x80000001;
    private static final int ERR_UNKNOWN = 0x80000006;

    @TempDir
    Path dir;

    private RandomVolume volume;
    private NbdServer server;
    private Path socket;
    private final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        volume = RandomVolume.generate(42, 300_000, 400_000, 512, false);
        server = new NbdServer(new NbdExport("vg1/lv1", "test volume", volume.reader()), new NbdListener() {
            @Override
            public void readRefused(int clientId, long offset, long length, Damage firstDamage) {
                events.add("EIO " + offset + "+" + length);
            }

            @Override
            public void writeRefused(int clientId, long offset, long length) {
                events.add("EPERM " + offset + "+" + length);
            }
        });
        socket = dir.resolve("nbd.sock");
        server.listenUnix(socket);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        assertThat(socket).doesNotExist();
    }

    private NbdTestClient go() throws Exception {
        NbdTestClient c = NbdTestClient.connect(socket);
        c.greet(3);
        List<NbdTestClient.OptionReply> replies = c.infoOrGo(7, "");
        assertThat(replies.get(replies.size() - 1).type()).isEqualTo(ACK);
        return c;
    }

    @Test
    void shouldDescribeTheExportAndEnterTransmissionOnGo() throws Exception {
        try (NbdTestClient c = NbdTestClient.connect(socket)) {
            c.greet(3);
            assertThat(c.handshakeFlags).isEqualTo(3); // fixed newstyle, no zeroes
            List<NbdTestClient.OptionReply> replies = c.infoOrGo(7, "vg1/lv1", 1, 3);
            assertThat(replies).extracting(NbdTestClient.OptionReply::type).containsExactly(INFO, INFO, INFO, ACK);
            ByteBuffer export = ByteBuffer.wrap(replies.get(0).data());
            assertThat(export.getShort()).isEqualTo((short) 0);
            assertThat(export.getLong()).isEqualTo(volume.expected.length);
            int flags = export.getShort();
            assertThat(flags & 0b11).as("has flags, read only").isEqualTo(0b11);
            assertThat(new String(replies.get(1).data(), 2, replies.get(1).data().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("vg1/lv1");
            ByteBuffer sizes = ByteBuffer.wrap(replies.get(2).data());
            assertThat(sizes.getShort()).isEqualTo((short) 3);
            assertThat(new int[] {sizes.getInt(), sizes.getInt(), sizes.getInt()}).containsExactly(1, 4096, 32 << 20);

            NbdTestClient.Reply r = c.read(0, 512);
            assertThat(r.error()).isIn(0, 5);
            c.request(2, 0, 0, 0, new byte[0]); // NBD_CMD_DISC
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void shouldAnswerReadsWithTheVolumeBytesAndEioOnDamage() throws Exception {
        Random rnd = new Random(3);
        int size = volume.expected.length;
        int eio = 0;
        int ok = 0;
        try (NbdTestClient c = go()) {
            for (int i = 0; i < 300; i++) {
                int from = rnd.nextInt(size);
                int length = 1 + rnd.nextInt(Math.min(size - from, 20_000));
                NbdTestClient.Reply r = c.read(from, length);
                if (volume.readable(from, length)) {
                    assertThat(r.error()).as("read %d+%d", from, length).isZero();
                    assertThat(r.data()).isEqualTo(Arrays.copyOfRange(volume.expected, from, from + length));
                    ok++;
                } else {
                    assertThat(r.error()).as("read %d+%d", from, length).isEqualTo(5);
                    eio++;
                }
            }
        }
        assertThat(ok).as("reads answered with data").isGreaterThan(20);
        assertThat(eio).as("reads answered EIO").isGreaterThan(20);
        assertThat(events).filteredOn(e -> e.startsWith("EIO")).hasSize(eio);
    }

    @Test
    void shouldRefuseWritesAndBadRequestsButStayInStep() throws Exception {
        int good = firstReadableRun(4096);
        try (NbdTestClient c = go()) {
            c.request(1, 11, 0, 5000, new byte[5000]); // NBD_CMD_WRITE with its payload
            assertThat(c.readReply(0)).extracting(NbdTestClient.Reply::error, NbdTestClient.Reply::handle).containsExactly(1, 11L);
            c.request(4, 12, 0, 4096, new byte[0]); // TRIM
            assertThat(c.readReply(0).error()).isEqualTo(1);
            c.request(6, 13, 0, 4096, new byte[0]); // WRITE_ZEROES
            assertThat(c.readReply(0).error()).isEqualTo(1);
            c.request(3, 14, 0, 0, new byte[0]); // FLUSH
            assertThat(c.readReply(0)).extracting(NbdTestClient.Reply::error, NbdTestClient.Reply::handle).containsExactly(0, 14L);
            c.request(99, 15, 0, 0, new byte[0]); // unknown command
            assertThat(c.readReply(0).error()).isEqualTo(22);
            assertThat(c.read(volume.expected.length - 10, 11).error()).as("read past the end").isEqualTo(22);
            NbdTestClient.Reply r = c.read(good, 4096);
            assertThat(r.error()).isZero();
            assertThat(r.data()).isEqualTo(Arrays.copyOfRange(volume.expected, good, good + 4096));
        }
        assertThat(events).contains("EPERM 0+5000", "EPERM 0+4096");
    }

    @Test
    void shouldServeTheOldExportNameOptionWithPadding() throws Exception {
        int good = firstReadableRun(100);
        try (NbdTestClient c = NbdTestClient.connect(socket)) {
            c.greet(1); // fixed newstyle, but wants the 124 zero bytes
            c.sendOption(1, "vg1/lv1".getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = c.read(8 + 2 + 124);
            assertThat(b.getLong()).isEqualTo(volume.expected.length);
            assertThat(b.getShort() & 0b10).isEqualTo(0b10);
            while (b.hasRemaining()) {
                assertThat(b.get()).isZero();
            }
            assertThat(c.read(good, 100).data()).isEqualTo(Arrays.copyOfRange(volume.expected, good, good + 100));
        }
        try (NbdTestClient c = NbdTestClient.connect(socket)) {
            c.greet(3);
            c.sendOption(1, "nope".getBytes(StandardCharsets.UTF_8));
            assertThat(c.closedByServer()).as("unknown name with EXPORT_NAME ends the session").isTrue();
        }
    }

    @Test
    void shouldListRefuseUnknownAndAbort() throws Exception {
        try (NbdTestClient c = NbdTestClient.connect(socket)) {
            c.greet(3);
            c.sendOption(3, new byte[0]); // LIST
            NbdTestClient.OptionReply server = c.readOptionReply();
            assertThat(server.type()).isEqualTo(2);
            assertThat(ByteBuffer.wrap(server.data()).getInt()).isEqualTo(7);
            assertThat(new String(server.data(), 4, 7, StandardCharsets.UTF_8)).isEqualTo("vg1/lv1");
            assertThat(c.readOptionReply().type()).isEqualTo(ACK);

            assertThat(c.infoOrGo(6, "vg9/other")).extracting(NbdTestClient.OptionReply::type)
                    .containsExactly(ERR_UNKNOWN);
            c.sendOption(8, new byte[0]); // STRUCTURED_REPLY: we answer with simple replies only
            assertThat(c.readOptionReply().type()).isEqualTo(ERR_UNSUP);
            c.sendOption(42, new byte[] {1, 2, 3});
            assertThat(c.readOptionReply()).extracting(NbdTestClient.OptionReply::option,
                    NbdTestClient.OptionReply::type).containsExactly(42, ERR_UNSUP);
            assertThat(c.infoOrGo(6, "vg1/lv1")).extracting(NbdTestClient.OptionReply::type)
                    .containsExactly(INFO, ACK);
            c.sendOption(2, new byte[0]); // ABORT
            assertThat(c.readOptionReply().type()).isEqualTo(ACK);
            assertThat(c.closedByServer()).isTrue();
        }
        try (NbdTestClient c = NbdTestClient.connect(socket)) {
            c.greet(1 << 5);
            assertThat(c.closedByServer()).as("unknown client flags end the session").isTrue();
        }
    }

    @Test
    void shouldServeSeveralClientsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    int checked = 0;
                    try (NbdTestClient c = go()) {
                        for (int i = 0; i < 100; i++) {
                            int from = rnd.nextInt(volume.expected.length - 512);
                            NbdTestClient.Reply r = c.read(from, 512);
                            if (volume.readable(from, 512)) {
                                assertThat(r.data()).isEqualTo(Arrays.copyOfRange(volume.expected, from, from + 512));
                                checked++;
                            } else {
                                assertThat(r.error()).isEqualTo(5);
                            }
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldServeOnLoopbackTcpToo() throws Exception {
        int port = server.listenLoopback(0);
        int good = firstReadableRun(1000);
        try (NbdTestClient c = NbdTestClient.connectTcp(port)) {
            c.greet(3);
            assertThat(c.infoOrGo(7, "vg1/lv1")).extracting(NbdTestClient.OptionReply::type).containsExactly(INFO, ACK);
            assertThat(c.read(good, 1000).data()).isEqualTo(Arrays.copyOfRange(volume.expected, good, good + 1000));
        }
    }

    @Test
    void shouldReplaceAStaleSocketButNotALiveOne() throws Exception {
        Path other = dir.resolve("other.sock");
        try (NbdServer second = new NbdServer(new NbdExport("x", "", volume.reader()), NbdListener.NONE)) {
            assertThatThrownBy(() -> second.listenUnix(socket)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
            // a socket file nobody listens on, as a killed server leaves it
            try (var ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                ch.bind(java.net.UnixDomainSocketAddress.of(other));
            }
            assertThat(other).exists();
            second.listenUnix(other);
            try (NbdTestClient c = NbdTestClient.connect(other)) {
                c.greet(3);
                assertThat(c.infoOrGo(7, "x").get(0).type()).isEqualTo(INFO);
            }
        }
        assertThat(other).doesNotExist();
    }

    private int firstReadableRun(int length) {
        for (int i = 0; i + length <= volume.expected.length; i += 512) {
            if (volume.readable(i, length)) {
                return i;
            }
        }
        throw new AssertionError("the test volume has no readable run of " + length + " bytes");
    }
}
