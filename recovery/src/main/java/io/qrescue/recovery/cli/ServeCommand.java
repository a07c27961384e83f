package io.qrescue.recovery.cli;

import io.qrescue.recovery.nbd.NbdExport;
import io.qrescue.recovery.nbd.NbdListener;
import io.qrescue.recovery.nbd.NbdServer;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.volume.DamageSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrescue serve IMAGE...}: one volume exported read-only over NBD until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export one volume of the IMAGEs (give every member of an md array) read-only over NBD on a"
                + " Unix socket (and optionally a loopback TCP port) until interrupted. Reads that touch bytes no"
                + " IMAGE gives back (bytes a --map mapfile does not mark finished, unless an md array rebuilds them"
                + " from its other members) or bytes whose place the stack's metadata cannot vouch for fail with EIO;"
                + " writes fail with EPERM."})
public final class ServeCommand implements Callable<Integer> {

    private final VolumeCatalogFactory catalogs;

    @Spec
    CommandSpec spec;

    @Mixin
    VolumeOptions volumeOptions;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "the rescued disk images (or devices), read only:"
            + " every member of an md array")
    List<Path> images;

    @Option(names = "--socket", paramLabel = "PATH", description = "the Unix socket to create [qrescue-nbd.sock]")
    Path socket = Path.of("qrescue-nbd.sock");

    @Option(names = "--tcp-port", paramLabel = "PORT", description = "also listen on this port of 127.0.0.1 (0: any)")
    Integer tcpPort;

    @Option(names = {"-q", "--quiet"}, description = "do not log connections and refused reads")
    boolean quiet;

    public ServeCommand() {
        this(VolumeCatalogs.stackScanner());
    }

    /** With the volumes of an image found by {@code catalogs} (tests inject a fake). */
    ServeCommand(VolumeCatalogFactory catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        volumeOptions.images = List.copyOf(images);
        String unknown = null;
        try (VolumeOptions.OpenedVolume opened = volumeOptions.open(catalogs)) {
            opened.luksLines().forEach(stdout::println);
            String name = opened.location().name();
            NbdExport export = new NbdExport(name, opened.location().kind() + " volume " + name + " of "
                    + volumeOptions.imagesText(), opened.reader());
            CountDownLatch stopped = new CountDownLatch(1);
            try (NbdServer server = new NbdServer(export, quiet ? NbdListener.NONE : new Log(err))) {
                server.listenUnix(socket);
                DamageSummary damage = DamageSummary.of(opened.reader().damageIn(0, opened.reader().size()));
                long damaged = damage.unreadableBytes() + damage.unknownBytes();
                stdout.println("serving " + name + " (" + opened.reader().size() + " bytes, read-only"
                        + (damaged > 0 ? ", " + damaged + " damaged bytes answer EIO" : "") + ") at nbd+unix:///?socket="
                        + socket.toAbsolutePath());
                if (damage.hasUnknown()) {
                    unknown = damage.unknownLine();
                    err.println("qrescue: " + name + ": " + unknown + "; reads there answer EIO");
                    err.flush();
                }
                if (tcpPort != null) {
                    int port = server.listenLoopback(tcpPort);
                    stdout.println("serving " + name + " at nbd://127.0.0.1:" + port + "/");
                }
                stdout.println("press Ctrl-C to stop");
                stdout.flush();
                Thread hook = new Thread(() -> {
                    try {
                        server.close(); // removes the socket file
                    } catch (IOException e) {
                        // the JVM is ending; nothing left to report to
                    }
                    stopped.countDown();
                }, "qrescue-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                stopped.await();
            }
            // a signal ends the JVM with its own status; a stop any other way says whether every byte was vouched for
            return unknown == null ? ExitCodes.OK : ExitCodes.CORRUPT_INPUT;
        } catch (CommandFailure e) {
            err.println("qrescue: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (FileAlreadyExistsException e) {
            err.println("qrescue: " + e.getFile() + ": " + e.getReason());
            return ExitCodes.of(e);
        } catch (IOException e) {
            err.println("qrescue: " + socket + ": can't listen: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.of(e);
        } finally {
            err.flush();
        }
    }

    /** One line per connection event on standard error. */
    private static final class Log implements NbdListener {
        private final PrintWriter err;

        Log(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void connected(int clientId, String peer) {
            line("client " + clientId + " connected (" + peer + ")");
        }

        @Override
        public void disconnected(int clientId, String reason) {
            line("client " + clientId + " gone: " + reason);
        }

        @Override
        public void readRefused(int clientId, long offset, long length, Damage first) {
            line(String.format("client %d: read 0x%X+0x%X answered EIO: volume 0x%X+0x%X %s (%s)", clientId, offset,
                    length, first.offset(), first.length(), first.origin() == null ? "is " + first.kind().label()
                    : String.format("lies on %s at 0x%X", first.origin().image(), first.origin().offset()),
                    first.cause()));
        }

        @Override
        public void writeRefused(int clientId, long offset, long length) {
            line(String.format("client %d: write 0x%X+0x%X answered EPERM (read-only export)", clientId, offset,
                    length));
        }

        private synchronized void line(String text) {
            err.println("qrescue serve: " + text);
            err.flush();
        }
    }
}
