package io.qrescue.recovery.cli;

import io.qrescue.recovery.json.JsonText;
import io.qrescue.imager.inventory.DeviceCatalog;
import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import io.qrescue.mapfile.HumanNumbers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue devices}: the block devices of this machine, to pick the failing disk and the rescue target
 * by model and serial rather than by a {@code /dev/sdX} name that changes between boots. A table, or JSON with
 * {@code --json}.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List disks and partitions: size, sector sizes, rotational, model, serial, mount points.")
public final class DevicesCommand implements Callable<Integer> {

    private static final String[] HEADERS = {"PATH", "TYPE", "SIZE", "LOGICAL", "PHYSICAL", "ROT", "MODEL", "SERIAL",
            "MOUNTED AT"};

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print a JSON array instead of the table")
    boolean json;

    @Option(names = {"-B", "--binary-prefixes"}, description = "sizes with binary prefixes (Ki, Mi, Gi), as ddrescue -B")
    boolean binaryPrefixes;

    private final DeviceCatalog catalog;

    /** The devices of this machine. */
    public DevicesCommand() {
        this(DeviceCatalog.system());
    }

    /** For tests: the devices of {@code catalog}. */
    DevicesCommand(DeviceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<DeviceInfo> devices = catalog.devices();
        if (json) {
            out.print(json(devices));
        } else if (devices.isEmpty()) {
            // the catalog is fail-soft: no libudev, no /sys or no permission all look like this
            spec.commandLine().getErr().println("qrescue devices: no block devices found");
        } else {
            out.print(table(devices, binaryPrefixes));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** One line per device, columns padded to their widest cell, partitions indented under their disk. */
    static String table(List<DeviceInfo> devices, boolean binaryPrefixes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (DeviceInfo d : devices) {
            rows.add(new String[] {
                    (d.kind() == DeviceKind.PARTITION ? "  " : "") + d.path(),
                    d.kind().label(),
                    HumanNumbers.formatNum(d.sizeBytes(), binaryPrefixes) + "B",
                    size(d.logicalSectorSize()),
                    size(d.physicalSectorSize()),
                    switch (d.rotational()) {
                        case TRUE -> "yes";
                        case FALSE -> "no";
                        case UNKNOWN -> "?";
                    },
                    orDash(d.model()),
                    orDash(d.serial()),
                    d.mountPoints().isEmpty() ? "-" : String.join(",", d.mountPoints())});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // sizes read best aligned on their unit, text on its start
                String cell = i >= 2 && i <= 4 ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /** A JSON array of objects, one per device; unknown values are null. */
    static String json(List<DeviceInfo> devices) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < devices.size(); i++) {
            DeviceInfo d = devices.get(i);
            b.append(i == 0 ? "\n  {" : ",\n  {");
            b.append("\"path\":").append(string(d.path().toString()));
            b.append(",\"kind\":").append(string(d.kind().label()));
            b.append(",\"sizeBytes\":").append(d.sizeBytes());
            b.append(",\"logicalSectorSize\":").append(number(d.logicalSectorSize()));
            b.append(",\"physicalSectorSize\":").append(number(d.physicalSectorSize()));
            b.append(",\"rotational\":").append(switch (d.rotational()) {
                case TRUE -> "true";
                case FALSE -> "false";
                case UNKNOWN -> "null";
            });
            b.append(",\"model\":").append(string(d.model()));
            b.append(",\"serial\":").append(string(d.serial()));
            b.append(",\"mountPoints\":").append(array(d.mountPoints()));
            b.append(",\"filesystemType\":").append(d.filesystemType().map(DevicesCommand::string).orElse("null"));
            b.append(",\"partitions\":").append(array(d.partitions().stream().map(Object::toString).toList()));
            b.append('}');
        }
        return b.append(devices.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    /** A JSON string literal. */
    static String string(String s) {
        return JsonText.quote(s);
    }

    private static String array(List<String> items) {
        return items.stream().map(DevicesCommand::string).collect(Collectors.joining(",", "[", "]"));
    }

    private static String number(OptionalInt n) {
        return n.isPresent() ? Integer.toString(n.getAsInt()) : "null";
    }

    private static String size(OptionalInt n) {
        return n.isPresent() ? Integer.toString(n.getAsInt()) : "?";
    }

    private static String orDash(String text) {
        // a model with spaces stays one cell; control characters from firmware must not move the cursor
        return text.isEmpty() ? "-" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
