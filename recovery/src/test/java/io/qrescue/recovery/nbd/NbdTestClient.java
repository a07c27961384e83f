package io.qrescue.recovery.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A minimal NBD client written from the protocol text, to drive the server byte by byte in unit tests. */
final class NbdTestClient implements AutoCloseable {

    record OptionReply(int option, int type, byte[] data) {
    }

    record Reply(int error, long handle, byte[] data) {
    }

    private final SocketChannel channel;
    int handshakeFlags;

    private NbdTestClient(SocketChannel channel) {
        this.channel = channel;
    }

    static NbdTestClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        return new NbdTestClient(ch);
    }

    static NbdTestClient connectTcp(int port) throws IOException {
        return new NbdTestClient(SocketChannel.open(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port)));
    }

    /** Reads the greeting, checks its magic numbers, answers with {@code clientFlags}. */
    void greet(int clientFlags) throws IOException {
        ByteBuffer g = read(18);
        if (g.getLong() != 0x4e42444d41474943L || g.getLong() != 0x49484156454F5054L) {
            throw new IOException("bad greeting");
        }
        handshakeFlags = Short.toUnsignedInt(g.getShort());
        write(ByteBuffer.allocate(4).putInt(clientFlags).flip());
    }

    void sendOption(int option, byte[] data) throws IOException {
        write(ByteBuffer.allocate(16 + data.length).putLong(0x49484156454F5054L).putInt(option).putInt(data.length)
                .put(data).flip());
    }

    OptionReply readOptionReply() throws IOException {
        ByteBuffer h = read(20);
        if (h.getLong() != 0x3e889045565a9L) {
            throw new IOException("bad option reply magic");
        }
        int option = h.getInt();
        int type = h.getInt();
        int length = h.getInt();
        return new OptionReply(option, type, read(length).array());
    }

    /** NBD_OPT_INFO (6) or NBD_OPT_GO (7): all replies up to and including the final ACK or error. */
    List<OptionReply> infoOrGo(int option, String name, int... infoRequests) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + n.length + 2 + 2 * infoRequests.length).putInt(n.length).put(n)
                .putShort((short) infoRequests.length);
        for (int r : infoRequests) {
            b.putShort((short) r);
        }
        sendOption(option, b.array());
        List<OptionReply> replies = new ArrayList<>();
        while (true) {
            OptionReply r = readOptionReply();
            replies.add(r);
            if (r.type() != 3) { // anything but NBD_REP_INFO ends the answer
                return replies;
            }
        }
    }

    void request(int type, long handle, long offset, int length, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(28 + payload.length).putInt(0x25609513).putShort((short) 0)
                .putShort((short) type).putLong(handle).putLong(offset).putInt(length).put(payload);
        write(b.flip());
    }

    /** A simple reply; {@code dataBytes} follow it when its error is 0. */
    Reply readReply(int dataBytes) throws IOException {
        ByteBuffer h = read(16);
        if (h.getInt() != 0x67446698) {
            throw new IOException("bad reply magic");
        }
        int error = h.getInt();
        long handle = h.getLong();
        byte[] data = error == 0 && dataBytes > 0 ? read(dataBytes).array() : new byte[0];
        return new Reply(error, handle, data);
    }

    Reply read(long offset, int length) throws IOException {
        request(0, offset ^ 0x5a5a, offset, length, new byte[0]);
        Reply r = readReply(length);
        if (r.handle() != (offset ^ 0x5a5a)) {
            throw new IOException("reply for another handle");
        }
        return r;
    }

    ByteBuffer read(int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException("server closed after " + b.position() + " of " + length + " bytes");
            }
        }
        return b.flip();
    }

    /** True when the server has closed the connection (reads end of stream). */
    boolean closedByServer() throws IOException {
        return channel.read(ByteBuffer.allocate(1)) < 0;
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
