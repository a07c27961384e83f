#!/bin/sh
# Times the analysis engine (qrescue analyze without printing) on a sparse 4 TiB image holding a big QNAP-like
# stack: md 1.0 member, PV, VG with a ~4 TiB thin pool, 256 MiB of real thin_restore metadata (lv1 3 TiB with
# MAPPINGS mapped blocks, a snapshot sharing half, lv2). Repeated runs inside one JVM; JVM start is not counted.
#
# Usage: bench/scripts/analyze-4t.sh [MAPPINGS] [WORKDIR]   (from the repository root, after
#        mvn -o -q -B -DskipTests install; needs thin_restore; the image is sparse: ~30 MiB on disk)
set -eu

mappings=${1:-1000000}
work=${2:-$(mktemp -d /tmp/qrescue-analyze-4t.XXXXXX)}
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "$jar missing: run 'mvn -o -q -B -DskipTests install' at the repository root" >&2; exit 1; }
command -v thin_restore >/dev/null || { echo "thin_restore not found (Debian package thin-provisioning-tools)" >&2; exit 1; }
[ -d recovery/target/test-classes ] || mvn -o -q -B -pl mapfile,imager,recovery test-compile
mkdir -p "$work"
cp=recovery/target/test-classes:recovery/target/classes:$(cd recovery && mvn -o -q -B -Dstyle.color=never dependency:build-classpath \
    -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
image=$work/4t.img
[ -f "$image" ] || java -cp "$cp" io.qrescue.recovery.analysis.LargeStackImage "$image" 4398046511104 "$mappings"
echo "image: $image ($(stat -c %s "$image") bytes, $(du -k "$image" | cut -f1) KiB allocated)"
java -jar recovery/target/qrescue.jar analyze "$image" | sed -n '/^  pool/,/^volumes/p'
java -cp "$jar" io.qrescue.bench.harness.AnalyzeTiming "$image" "${RUNS:-10}"
/usr/bin/time -f "whole process (JVM start included): %e s elapsed, %U s user, %M KiB max RSS" \
    java -jar recovery/target/qrescue.jar analyze "$image" >/dev/null
