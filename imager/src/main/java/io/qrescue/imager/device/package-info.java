/**
 * Sources of sectors: {@link io.qrescue.imager.device.BlockDevice} and its implementations (a read-only file,
 * a byte array, and {@link io.qrescue.imager.device.FaultModelDevice}, a simulated failing disk). A bad sector
 * is a {@link io.qrescue.imager.device.ReadOutcome}, never an exception.
 *
 * <h2>Fault model</h2>
 * A {@link io.qrescue.imager.device.FaultModel} combines ddrescue's test mode ({@code -H}: only the {@code +}
 * blocks of a mapfile are readable, a read succeeds only if it lies entirely inside one readable range, else it
 * copies nothing and fails for its whole size; the apparent size is the smaller of the real size and the end of
 * the last {@code +} block) with rules written in this line-based language:
 * <pre>
 * # comment (a '#' anywhere starts one)
 * bad    POS SIZE                  # hard bad range: a read fails at its first bad byte (EIO)
 * soft   POS SIZE tries=N          # each sector fails the first N reads that reach it, then reads fine
 * slow   POS SIZE latency=DURATION # reads touching the range succeed but take DURATION longer
 * hang   POS SIZE time=DURATION    # reads touching the range hang for DURATION, then fail there (EIO)
 * zeros  POS SIZE                  # reads return zeros there, without an error
 * vanish after=N [reads=M]         # after N read calls the device is gone (ENODEV) for M calls,
 *                                  #   or until reopened (ddrescue -O) when reads= is absent
 * </pre>
 * POS, SIZE, N and M are decimal or {@code 0x} hexadecimal integers with an optional {@code k M G T} (powers of
 * 1000) or {@code Ki Mi Gi Ti} (powers of 1024) suffix. DURATION is a decimal number with an optional unit
 * {@code ns us ms s m h} (seconds if none). Outside test mode a failing read returns the bytes before the first
 * failing sector, as a real disk does; latencies add up and are slept on the device's
 * {@link io.qrescue.imager.time.TimeSource}.
 */
package io.qrescue.imager.device;
