#!/bin/sh
# Times reading a 1,000,000-block mapfile as whole processes: ddrescuelog -t against qrescue log -t
# (JVM start-up included, as a user would see it). Uses hyperfine if installed, else /usr/bin/time.
#
# Usage: bench/scripts/mapfile-1m.sh [WORKDIR]    (from the repository root, after
#        mvn -q -B -DskipTests install; WORKDIR defaults to a new directory under /tmp)
set -eu

jar=bench/target/benchmarks.jar
qrescue=recovery/target/qrescue.jar
[ -f "$jar" ] || { echo "$jar missing: run 'mvn -q -B -DskipTests install' at the repository root" >&2; exit 1; }
command -v ddrescuelog >/dev/null || { echo "ddrescuelog not found (Debian package gddrescue)" >&2; exit 1; }

work=${1:-$(mktemp -d /tmp/qrescue-mapfile-1m.XXXXXX)}
mkdir -p "$work"
map=$work/1m.map

java -cp "$jar" io.qrescue.bench.MapfileGenerator "$map" 1000000 1
echo "mapfile: $map ($(wc -l < "$map") lines, $(wc -c < "$map") bytes)"

# Both tools must agree on the map before their speed means anything.
ddrescuelog -t "$map"
java -jar "$qrescue" log -t "$map"

if command -v hyperfine >/dev/null; then
    hyperfine --warmup 2 --runs 10 --export-markdown "$work/results.md" \
        -n 'ddrescuelog -t' "ddrescuelog -t $map" \
        -n 'qrescue log -t' "java -jar $qrescue log -t $map"
    echo "results: $work/results.md"
else
    for run in 1 2 3 4 5; do
        /usr/bin/time -f "ddrescuelog -t  %e s elapsed  %U s user  %M KiB max RSS" ddrescuelog -t "$map" >/dev/null
        /usr/bin/time -f "qrescue log -t  %e s elapsed  %U s user  %M KiB max RSS" \
            java -jar "$qrescue" log -t "$map" >/dev/null
    done
fi
