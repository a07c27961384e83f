#!/bin/sh
# Captures GNU ddrescue 1.27's status screen for the golden tests in ProgressScreenGoldenTest.
# Run from this directory: sh capture.sh (needs ddrescue 1.27, python3 and util-linux 'script').
# The source is 64 MiB of a repeating 64 KiB printable pattern (byte i = 32 + (7*i + i/256) % 95, i = pos % 65536),
# so that the data preview (-P) shows the same bytes as the test's source device. The test map is the shared
# vector common/testmap_main.map (8 bad areas), copied here as testmap_main.map.
# 'script' gives ddrescue a terminal, so it draws its screen as on a console; the raw bytes (with the terminal's
# \r\n line ends and ESC[A cursor moves) are stored as *.screen and replayed by a small terminal model in the test.
set -e
work=$(mktemp -d)
python3 -c '
import sys
p = bytes(32 + (7 * i + i // 256) % 95 for i in range(65536))
sys.stdout.buffer.write(p * 1024)' > "$work/src"
cp testmap_main.map "$work/testmap.map"
cd "$work"
run() { # name, ddrescue options
  rm -f out map
  script -qc "ddrescue $2 -H testmap.map src out map" /dev/null > "$OLDPWD/$1.screen" || true
}
run default ""
run max-bad-areas "-e3"
run preview-retry "-P -r1"
cd "$OLDPWD"
rm -rf "$work"
