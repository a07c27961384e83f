package io.qrescue.recovery.nbd;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exports one volume read-only over NBD to any number of clients, each on its own thread, on a Unix socket
 * and/or a loopback TCP port. {@link #close()} stops accepting, drops the clients and removes the socket file.
 */
public final class NbdServer implements Closeable {

    private final NbdExport export;
    private final NbdListener listener;
    private final List<ServerSocketChannel> listening = new ArrayList<>();
    private final List<Path> socketFiles = new ArrayList<>();
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextClientId = new AtomicInteger(1);
    private volatile boolean closed;

    public NbdServer(NbdExport export, NbdListener listener) {
        this.export = Objects.requireNonNull(export, "export");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Listens on a new Unix socket at {@code socket}. A socket file left by a killed server (nobody accepts on
     * it) is replaced.
     *
     * @throws FileAlreadyExistsException if a server listens there, or the path is a file or directory
     */
    public synchronized void listenUnix(Path socket) throws IOException {
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            if (!isStaleSocket(socket)) {
                throw new FileAlreadyExistsException(socket.toString(), null,
                        "exists (a file, or the socket of a running server)");
            }
            Files.delete(socket);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        socketFiles.add(socket);
        start(server);
    }

    /** Listens on {@code port} of the loopback address (0: any free port); returns the port. */
    public synchronized int listenLoopback(int port) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        start(server);
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    private static boolean isStaleSocket(Path socket) {
        if (Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(socket, LinkOption.NOFOLLOW_LINKS)
                || Files.isSymbolicLink(socket)) {
            return false;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return false; // a server answers there
        } catch (IOException refused) {
            return true;
        }
    }

    private void start(ServerSocketChannel server) {
        listening.add(server);
        Thread acceptor = new Thread(() -> accept(server), "nbd-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocketChannel server) {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // one failed accept (a client that went away) does not stop the server
            }
            int id = nextClientId.getAndIncrement();
            clients.add(client);
            listener.connected(id, peerOf(client));
            NbdConnection connection = new NbdConnection(client, export, listener, id);
            Thread worker = new Thread(() -> {
                try {
                    connection.run();
                } finally {
                    clients.remove(client);
                }
            }, "nbd-client-" + id);
            worker.setDaemon(true);
            worker.start();
        }
    }

    private static String peerOf(SocketChannel client) {
        try {
            Object address = client.getRemoteAddress();
            return address == null || address.toString().isEmpty() ? "local socket" : address.toString();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        IOException failure = null;
        for (ServerSocketChannel server : listening) {
            try {
                server.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        for (SocketChannel client : clients) {
            try {
                client.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        for (Path socket : socketFiles) {
            Files.deleteIfExists(socket);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
