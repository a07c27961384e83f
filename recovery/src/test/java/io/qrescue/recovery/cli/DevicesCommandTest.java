package io.qrescue.recovery.cli;

import static io.qrescue.recovery.testing.FakeDeviceCatalog.disk;
import static io.qrescue.recovery.testing.FakeDeviceCatalog.mounted;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import io.qrescue.imager.inventory.Rotational;
import io.qrescue.recovery.testing.FakeDeviceCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevicesCommandTest {

    private static final DeviceInfo NAS_DISK = new DeviceInfo(Path.of("/dev/sdb"), DeviceKind.DISK,
            "WDC WD40EFRX-68N32N0", "WD-WCC7K1234567", 4_000_787_030_016L, OptionalInt.of(512), OptionalInt.of(4096),
            Rotational.TRUE, List.of("/mnt/nas"), Optional.empty(), List.of(Path.of("/dev/sdb1")));
    private static final DeviceInfo NAS_PARTITION = new DeviceInfo(Path.of("/dev/sdb1"), DeviceKind.PARTITION, "", "",
            4_000_785_104_896L, OptionalInt.of(512), OptionalInt.of(4096), Rotational.TRUE, List.of("/mnt/nas"),
            Optional.of("ext4"), List.of());
    private static final DeviceInfo VIRTUAL = new DeviceInfo(Path.of("/dev/vda"), DeviceKind.DISK, "", "",
            274_877_906_944L, OptionalInt.empty(), OptionalInt.empty(), Rotational.UNKNOWN, List.of(), Optional.empty(),
            List.of());

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldPrintATableWithDdrescueSizes() {
        // ddrescue's format_num divides only while the number exceeds 999999: 274877 MB, not 274 GB
        int code = run(new FakeDeviceCatalog(NAS_DISK, NAS_PARTITION, VIRTUAL));

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(""
                + "PATH         TYPE            SIZE  LOGICAL  PHYSICAL  ROT  MODEL                 SERIAL           MOUNTED AT\n"
                + "/dev/sdb     disk         4000 GB      512      4096  yes  WDC WD40EFRX-68N32N0  WD-WCC7K1234567  /mnt/nas\n"
                + "  /dev/sdb1  partition    4000 GB      512      4096  yes  -                     -                /mnt/nas\n"
                + "/dev/vda     disk       274877 MB        ?         ?  ?    -                     -                -\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldUseBinaryPrefixesWithB() {
        run(new FakeDeviceCatalog(VIRTUAL), "-B");

        assertThat(out.toString()).contains("/dev/vda  disk  262144 MiB");
    }

    @Test
    void shouldPrintJsonWithNullsForUnknownValues() {
        run(new FakeDeviceCatalog(NAS_PARTITION, VIRTUAL), "--json");

        assertThat(out.toString()).isEqualTo("[\n"
                + "  {\"path\":\"/dev/sdb1\",\"kind\":\"partition\",\"sizeBytes\":4000785104896,\"logicalSectorSize\":512,"
                + "\"physicalSectorSize\":4096,\"rotational\":true,\"model\":\"\",\"serial\":\"\",\"mountPoints\":[\"/mnt/nas\"],"
                + "\"filesystemType\":\"ext4\",\"partitions\":[]},\n"
                + "  {\"path\":\"/dev/vda\",\"kind\":\"disk\",\"sizeBytes\":274877906944,\"logicalSectorSize\":null,"
                + "\"physicalSectorSize\":null,\"rotational\":null,\"model\":\"\",\"serial\":\"\",\"mountPoints\":[],"
                + "\"filesystemType\":null,\"partitions\":[]}\n"
                + "]\n");
    }

    @Test
    void shouldEscapeFirmwareTextInJson() {
        DeviceInfo odd = disk("/dev/sdc", "Vendor \"X\" \\ 5\u0001", "tab\there", 1 << 20);

        run(new FakeDeviceCatalog(odd), "--json");

        assertThat(out.toString()).contains("\"model\":\"Vendor \\\"X\\\" \\\\ 5\\u0001\"")
                .contains("\"serial\":\"tab\\there\"");
    }

    @Test
    void shouldKeepControlCharactersOutOfTheTable() {
        run(new FakeDeviceCatalog(mounted(disk("/dev/sdc", "bad\u001b[2Jmodel", "s", 1 << 20), "/media/usb")));

        assertThat(out.toString()).contains("bad?[2Jmodel").doesNotContain("\u001b");
    }

    @Test
    void shouldSaySoWhenNoDeviceIsKnown() {
        int code = run(new FakeDeviceCatalog());

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("qrescue devices: no block devices found\n");
    }

    @Test
    void shouldPrintAnEmptyJsonArrayWhenNoDeviceIsKnown() {
        run(new FakeDeviceCatalog(), "--json");

        assertThat(out.toString()).isEqualTo("[]\n");
    }

    @Test
    void shouldBeASubcommandOfQrescue() {
        CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err));

        assertThat(cl.getSubcommands()).containsKey("devices");
    }

    private int run(FakeDeviceCatalog catalog, String... args) {
        CommandLine cl = new CommandLine(new DevicesCommand(catalog));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        cl.getErr().flush();
        return code;
    }
}
