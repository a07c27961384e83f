package io.qrescue.recovery.vm.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/** A one-way byte pipe between two threads that, unlike PipedInputStream, does not care which thread wrote. */
final class ByteQueue {

    private final ArrayDeque<Byte> bytes = new ArrayDeque<>();
    private boolean closed;

    synchronized void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("pipe closed");
        }
        for (int i = 0; i < len; i++) {
            bytes.add(b[off + i]);
        }
        notifyAll();
    }

    /** Blocks for at least one byte; -1 once closed and empty. */
    synchronized int read(byte[] b, int off, int len) throws IOException {
        while (bytes.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }
        if (bytes.isEmpty()) {
            return -1;
        }
        int n = 0;
        while (n < len && !bytes.isEmpty()) {
            b[off + n++] = bytes.poll();
        }
        return n;
    }

    /** Waits up to {@code millis} for a byte; -2 if none came, -1 once closed and empty. */
    synchronized int readByte(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (bytes.isEmpty() && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return -2;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }
        return bytes.isEmpty() ? -1 : bytes.poll() & 0xff;
    }

    synchronized void discardAll() {
        bytes.clear();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return ByteQueue.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ByteQueue.this.read(b, off, len);
            }

            @Override
            public void close() {
                ByteQueue.this.close();
            }
        };
    }

    OutputStream outputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                ByteQueue.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteQueue.this.write(b, off, len);
            }

            @Override
            public void close() {
                ByteQueue.this.close();
            }
        };
    }
}
