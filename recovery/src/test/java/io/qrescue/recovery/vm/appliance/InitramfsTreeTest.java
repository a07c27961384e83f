package io.qrescue.recovery.vm.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitramfsTreeTest {

    @Test
    void shouldAddParentDirectoriesAndSortEntries() {
        InitramfsTree tree = new InitramfsTree();
        tree.text("/usr/lib/qrescue/console", "x", 0755);
        tree.symlink("sbin", "usr/sbin");
        tree.directory("proc/");
        assertThat(tree.nodes().keySet()).containsExactly("proc", "sbin", "usr", "usr/lib", "usr/lib/qrescue",
                "usr/lib/qrescue/console");
        assertThat(tree.nodes().get("usr/lib")).isInstanceOf(InitramfsTree.Directory.class);
    }

    @Test
    void shouldKeepTheFirstAppletLinkButLetExplicitFilesWin() {
        InitramfsTree tree = new InitramfsTree();
        tree.text("bin/sh", "real", 0755);
        tree.symlinkIfAbsent("bin/sh", "busybox");
        tree.symlinkIfAbsent("bin/ls", "busybox");
        tree.symlinkIfAbsent("bin/ls", "other");
        assertThat(tree.nodes().get("bin/sh")).isInstanceOf(InitramfsTree.Content.class);
        assertThat(tree.nodes().get("bin/ls")).isEqualTo(new InitramfsTree.Symlink("busybox"));
    }

    @Test
    void shouldGiveTheSameBytesWhateverTheOrderThingsWereAdded(@TempDir Path dir) throws IOException {
        Path host = dir.resolve("lib.so");
        Files.write(host, new byte[]{1, 2, 3});
        InitramfsTree a = new InitramfsTree();
        a.hostFile("lib/x/lib.so", host, 0755);
        a.text("init", "#!/bin/sh\n", 0755);
        a.symlink("sbin", "usr/sbin");
        InitramfsTree b = new InitramfsTree();
        b.symlink("sbin", "usr/sbin");
        b.text("init", "#!/bin/sh\n", 0755);
        b.hostFile("lib/x/lib.so", host, 0755);
        ByteArrayOutputStream outA = new ByteArrayOutputStream();
        ByteArrayOutputStream outB = new ByteArrayOutputStream();
        a.writeCpio(outA, 0);
        b.writeCpio(outB, 0);
        assertThat(outA.toByteArray()).isEqualTo(outB.toByteArray());
        assertThat(CpioWriterTest.read(outA.toByteArray())).extracting(CpioWriterTest.Entry::name)
                .containsExactly("init", "lib", "lib/x", "lib/x/lib.so", "sbin");
    }
}
