package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue rescue --until=files} on the md10-single fixture leaves most of the disk not imaged: the summary
 * says so in one line instead of calling every region not read yet LOST, and {@code analyze --map} marks those
 * regions UNREAD.
 */
class RescueUntilSummaryTest {

    @TempDir
    Path dir;

    @Test
    void regionsNotImagedYetAreCountedNotCalledLost() throws Exception {
        Path disk = VolumeFixtures.unpack("md10-single", VolumeFixtures.firstImage("md10-single"), dir);
        Path work = dir.resolve("job");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("rescue", "--until=files", "--vm=never", disk.toString(), work.toString());
        assertThat(code).as(err.toString()).isZero();
        Path map = work.resolve("disk.map");
        long untried = 0;
        for (StatusBlock b : MapfileReader.read(map, map.toString(), null).blocks()) {
            untried += b.status() == BlockStatus.NON_TRIED ? b.size() : 0;
        }
        assertThat(untried).as("the files round leaves the rest of the disk for later").isPositive();
        assertThat(out.toString()).contains("regions not imaged yet (", "readable so far (bytes not imaged yet count as lost", "Not imaged yet: ", "run again with a later --until",
                "Unreadable regions: 0, 0 of them cost data or metadata").doesNotContain("LOST ", "every byte is finished");

        StringWriter analyzed = new StringWriter();
        int analyze = Main.commandLine(new PrintWriter(analyzed, true), new PrintWriter(new StringWriter(), true))
                .execute("analyze", disk.toString(), "--map", map.toString());
        assertThat(analyze).isZero();
        assertThat(analyzed.toString()).contains("non-tried):", "UNREAD ").doesNotContain("LOST ");
    }
}
