#!/bin/sh
# Times the ext4 file-impact query (1000 damaged sectors by default) and `extract --files` (debugfs rdump +
# sha256 manifest) on a generated 1 GiB ext4 image filled to ~65 % by mke2fs -d. Needs e2fsprogs.
#
# Usage: bench/scripts/file-impact.sh [WORKDIR] [SIZE_MIB] [DAMAGED_SECTORS] [FILES]   (from the repository
#        root, after mvn -q -B -DskipTests install; the image is kept in WORKDIR and reused by later runs)
set -eu
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "$jar missing: run 'mvn -q -B -DskipTests install' at the repository root" >&2; exit 1; }
command -v debugfs >/dev/null || { echo "debugfs not found (Debian package e2fsprogs)" >&2; exit 1; }
work=${1:-$(mktemp -d /tmp/qrescue-file-impact.XXXXXX)}
java -cp "$jar" io.qrescue.bench.harness.FileImpactTiming "$work" "${2:-1024}" "${3:-1000}" "${4:-3000}" 1
