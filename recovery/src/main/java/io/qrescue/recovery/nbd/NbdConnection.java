package io.qrescue.recovery.nbd;

import static io.qrescue.recovery.nbd.NbdProtocol.*;

import io.qrescue.recovery.source.Damage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One client of the server, on its own thread: the fixed newstyle handshake, then requests one at a time,
 * each answered with a simple reply. A protocol violation ends the connection (a hard disconnect, which the
 * protocol allows); a bad request gets an error reply.
 */
final class NbdConnection implements Runnable {

    private static final byte[] ZERO_PAD = new byte[124];

    private final SocketChannel channel;
    private final NbdExport export;
    private final NbdListener listener;
    private final int clientId;
    private final ByteBuffer header = ByteBuffer.allocate(28);
    private final ByteBuffer reply = ByteBuffer.allocate(16);
    private ByteBuffer data = ByteBuffer.allocate(0);

    NbdConnection(SocketChannel channel, NbdExport export, NbdListener listener, int clientId) {
        this.channel = channel;
        this.export = export;
        this.listener = listener;
        this.clientId = clientId;
    }

    @Override
    public void run() {
        String reason = "disconnect";
        try (channel) {
            if (!negotiate()) {
                reason = "handshake ended without an export";
            } else {
                listener.exporting(clientId);
                reason = transmit();
            }
        } catch (EOFException e) {
            reason = "client closed the connection";
        } catch (IOException | RuntimeException e) {
            reason = String.valueOf(e.getMessage());
        }
        listener.disconnected(clientId, reason);
    }

    /** The handshake; true when the client entered transmission on the export. */
    private boolean negotiate() throws IOException {
        ByteBuffer greeting = ByteBuffer.allocate(18).putLong(NBDMAGIC).putLong(IHAVEOPT)
                .putShort((short) (FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES));
        write(greeting.flip());
        int clientFlags = read(4).getInt();
        if ((clientFlags & ~CLIENT_FLAGS_KNOWN) != 0) {
            return false; // the protocol: unknown client flags end the session
        }
        boolean noZeroes = (clientFlags & FLAG_NO_ZEROES) != 0;
        while (true) {
            ByteBuffer head = read(16);
            if (head.getLong() != IHAVEOPT) {
                return false;
            }
            int option = head.getInt();
            long length = Integer.toUnsignedLong(head.getInt());
            if (length > MAX_OPTION_BYTES) {
                if (option == OPT_EXPORT_NAME) {
                    return false; // cannot be answered with an error
                }
                skip(length);
                optionReply(option, REP_ERR_TOO_BIG, new byte[0]);
                continue;
            }
            ByteBuffer payload = read((int) length);
            switch (option) {
                case OPT_EXPORT_NAME -> {
                    if (!export.answersTo(utf8(payload, (int) length))) {
                        return false; // the protocol: an unknown name here ends the session
                    }
                    ByteBuffer b = ByteBuffer.allocate(10 + (noZeroes ? 0 : ZERO_PAD.length))
                            .putLong(export.volume().size()).putShort((short) transmissionFlags());
                    if (!noZeroes) {
                        b.put(ZERO_PAD);
                    }
                    write(b.flip());
                    return true;
                }
                case OPT_ABORT -> {
                    try {
                        optionReply(option, REP_ACK, new byte[0]);
                    } catch (IOException e) {
                        // the protocol lets a client close right after sending NBD_OPT_ABORT
                    }
                    return false;
                }
                case OPT_LIST -> list(length);
                case OPT_INFO, OPT_GO -> {
                    if (infoOrGo(option, payload) && option == OPT_GO) {
                        return true;
                    }
                }
                case OPT_STARTTLS -> optionReply(option, REP_ERR_POLICY, new byte[0]);
                default -> optionReply(option, REP_ERR_UNSUP, new byte[0]);
            }
        }
    }

    private void list(long length) throws IOException {
        if (length != 0) {
            optionReply(OPT_LIST, REP_ERR_INVALID, new byte[0]);
            return;
        }
        byte[] name = export.name().getBytes(StandardCharsets.UTF_8);
        optionReply(OPT_LIST, REP_SERVER, ByteBuffer.allocate(4 + name.length).putInt(name.length).put(name).array());
        optionReply(OPT_LIST, REP_ACK, new byte[0]);
    }

    /** NBD_OPT_INFO / NBD_OPT_GO; true when the export was found and described. */
    private boolean infoOrGo(int option, ByteBuffer payload) throws IOException {
        int total = payload.remaining();
        if (total < 6) {
            optionReply(option, REP_ERR_INVALID, new byte[0]);
            return false;
        }
        long nameLength = Integer.toUnsignedLong(payload.getInt());
        if (nameLength > total - 6) {
            optionReply(option, REP_ERR_INVALID, new byte[0]);
            return false;
        }
        String name = utf8(payload, (int) nameLength);
        int requests = Short.toUnsignedInt(payload.getShort());
        if (payload.remaining() != 2 * requests) {
            optionReply(option, REP_ERR_INVALID, new byte[0]);
            return false;
        }
        if (!export.answersTo(name)) {
            optionReply(option, REP_ERR_UNKNOWN, "no export named '".concat(name).concat("'")
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        }
        optionReply(option, REP_INFO, ByteBuffer.allocate(12).putShort((short) INFO_EXPORT)
                .putLong(export.volume().size()).putShort((short) transmissionFlags()).array());
        for (int i = 0; i < requests; i++) {
            int type = Short.toUnsignedInt(payload.getShort());
            if (type == INFO_NAME) {
                optionReply(option, REP_INFO, info(INFO_NAME, export.name()));
            } else if (type == INFO_DESCRIPTION && !export.description().isEmpty()) {
                optionReply(option, REP_INFO, info(INFO_DESCRIPTION, export.description()));
            } else if (type == INFO_BLOCK_SIZE) {
                optionReply(option, REP_INFO, ByteBuffer.allocate(14).putShort((short) INFO_BLOCK_SIZE).putInt(1)
                        .putInt(PREFERRED_BLOCK_BYTES).putInt(MAX_REQUEST_BYTES).array());
            }
        }
        optionReply(option, REP_ACK, new byte[0]);
        return true;
    }

    private static byte[] info(int type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + bytes.length).putShort((short) type).put(bytes).array();
    }

    private static int transmissionFlags() {
        return TFLAG_HAS_FLAGS | TFLAG_READ_ONLY | TFLAG_SEND_FLUSH | TFLAG_CAN_MULTI_CONN;
    }

    /** Serves requests until NBD_CMD_DISC; returns why the connection ended. */
    private String transmit() throws IOException {
        long size = export.volume().size();
        while (true) {
            header.clear();
            readFully(header);
            header.flip();
            if (header.getInt() != REQUEST_MAGIC) {
                return "bad request magic";
            }
            header.getShort(); // command flags: FUA and friends mean nothing to a read-only export
            int type = Short.toUnsignedInt(header.getShort());
            long handle = header.getLong();
            long offset = header.getLong();
            long length = Integer.toUnsignedLong(header.getInt());
            boolean inside = offset >= 0 && length <= size && offset <= size - length;
            switch (type) {
                case CMD_READ -> read(handle, offset, length, inside);
                case CMD_WRITE -> {
                    skip(length); // the payload follows the request whatever the answer
                    listener.writeRefused(clientId, offset, length);
                    simpleReply(handle, EPERM);
                }
                case CMD_TRIM, CMD_WRITE_ZEROES -> {
                    listener.writeRefused(clientId, offset, length);
                    simpleReply(handle, EPERM);
                }
                case CMD_FLUSH -> simpleReply(handle, 0); // nothing was written
                case CMD_DISC -> {
                    return "disconnect";
                }
                default -> simpleReply(handle, EINVAL);
            }
        }
    }

    private void read(long handle, long offset, long length, boolean inside) throws IOException {
        if (!inside || length > MAX_REQUEST_BYTES) {
            simpleReply(handle, EINVAL);
            return;
        }
        List<Damage> damage = export.volume().damageIn(offset, length);
        if (!damage.isEmpty()) {
            listener.readRefused(clientId, offset, length, damage.get(0));
            simpleReply(handle, EIO); // no payload follows an error (what libnbd and qemu expect)
            return;
        }
        if (data.capacity() < length) {
            data = ByteBuffer.allocateDirect((int) Math.min(MAX_REQUEST_BYTES, Math.max(length, 1 << 20)));
        }
        data.clear().limit((int) length);
        export.volume().read(offset, data);
        data.flip();
        reply.clear().putInt(SIMPLE_REPLY_MAGIC).putInt(0).putLong(handle).flip();
        while (reply.hasRemaining() || data.hasRemaining()) {
            channel.write(new ByteBuffer[] {reply, data});
        }
    }

    private void simpleReply(long handle, int error) throws IOException {
        reply.clear().putInt(SIMPLE_REPLY_MAGIC).putInt(error).putLong(handle).flip();
        write(reply);
    }

    private void optionReply(int option, int type, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length).putLong(OPTION_REPLY_MAGIC).putInt(option)
                .putInt(type).putInt(payload.length).put(payload);
        write(b.flip());
    }

    private static String utf8(ByteBuffer b, int length) {
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private ByteBuffer read(int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readFully(b);
        return b.flip();
    }

    private void readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException();
            }
        }
    }

    private void skip(long length) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate((int) Math.min(length, 1 << 16));
        for (long left = length; left > 0; left -= sink.position()) {
            sink.clear().limit((int) Math.min(left, sink.capacity()));
            readFully(sink);
        }
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
