package io.qrescue.imager.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReadErrorTest {

    @Test
    void shouldMapEveryKnownErrnoToItsCause() {
        for (ReadError e : ReadError.values()) {
            if (e != ReadError.TIMEOUT) { // qrescue's own deadline, never an errno from the kernel
                assertThat(ReadError.ofErrno(e.errno())).isEqualTo(e);
            }
        }
        assertThat(ReadError.ofErrno(5)).isEqualTo(ReadError.EIO);
        assertThat(ReadError.ofErrno(22)).isEqualTo(ReadError.EINVAL);
        assertThat(ReadError.ofErrno(6)).isEqualTo(ReadError.ENXIO);
    }

    @Test
    void shouldTreatUnlistedErrnosAsOrdinaryReadErrors() {
        // ETIMEDOUT, ENOMEDIUM, EMEDIUMTYPE, EILSEQ: ddrescue marks the area bad and goes on
        for (int errno : new int[] {110, 123, 124, 84}) {
            assertThat(ReadError.ofErrno(errno)).isEqualTo(ReadError.EIO);
            assertThat(ReadError.ofErrno(errno).isFatal()).isFalse();
        }
    }

    @Test
    void shouldBeFatalForExactlyDdrescuesList() {
        // spec 2.2
        assertThat(Arrays.stream(ReadError.values()).filter(ReadError::isFatal).map(ReadError::errno))
                .containsExactlyInAnyOrder(13, 9, 16, 21, 105, 19, 2, 12, 38, 6, 1, 29);
        assertThat(ReadError.EINVAL.isFatal()).isFalse(); // fatal through its own message
        assertThat(ReadError.EIO.isFatal()).isFalse();
        assertThat(ReadError.TIMEOUT.isFatal()).isFalse(); // a timed-out read is an ordinary bad area
    }
}
