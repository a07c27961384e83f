package io.qrescue.recovery.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.testing.HostTool;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tmeta bytes our tree locates, copied out and given to the host's {@code thin_dump}, must dump exactly what
 * thin_dump printed inside the appliance for the live pool (every mapping of every thin device).
 */
@Tag("integration")
class QnapFixtureThinDumpIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"md10-single", "md12-single", "md10-raid1", "md10-tier"})
    void shouldExtractTmetaThatThinDumpReadsLikeTheLivePool(String name) throws Exception {
        assumeTrue(HostTool.installed("/usr/sbin/thin_dump"), "thin-provisioning-tools");
        QnapFixtureTreeTest fixtures = new QnapFixtureTreeTest();
        fixtures.dir = dir;
        List<ImageSource> open = new ArrayList<>();
        try {
            PoolNode pool = fixtures.scan(fixtures.images(name), open).vg("vg1").pool("tp1");
            for (Placement p : pool.tmeta().placements()) {
                Path tmeta = dir.resolve("tmeta-" + p.imageIndex());
                ImageSource src = p.open();
                try (OutputStream out = Files.newOutputStream(tmeta)) {
                    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
                    for (long pos = 0; pos < src.size(); pos += buf.capacity()) {
                        buf.clear();
                        int n = src.read(pos, buf);
                        out.write(buf.array(), 0, n);
                    }
                }
                assertThat(HostTool.check("/usr/sbin/thin_dump", tmeta.toString()))
                        .isEqualTo(QnapFixtureTreeTest.oracle(name, "thin_dump-tp1.xml"));
            }
        } finally {
            for (ImageSource s : open) {
                s.close();
            }
        }
    }
}
