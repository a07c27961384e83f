#!/bin/bash
# End-to-end imaging throughput: qrescue image against GNU ddrescue, dd and the fio read limit, as whole
# processes (JVM start-up included, as a user sees it). Not a test; never run by CI. Needs root (drop_caches,
# losetup), ddrescue, fio, /usr/bin/time, and a built tree (mvn -q -B -DskipTests install).
#
# Usage: bench/scripts/imaging.sh [SIZE] [WORKDIR]       (from the repository root)
#   SIZE     source size, IEC suffixes (default 4G); the source is WORKDIR/rand-SIZE.bin, random data,
#            created once and reused. WORKDIR must be on the disk under test (not tmpfs: no O_DIRECT there).
#   WORKDIR  default: a new directory under /var/tmp
# Environment:
#   ROUNDS=3   interleaved rounds; every configuration runs once per round, in a rotated order
#   LOOP=1     read through a loop device (losetup -r --direct-io=on) over the file instead of the file
#   QUICK=1    leave out the runs that write a real output file (they take the longest)
#   ONLY="ID ..."  run only these configuration ids (e.g. "fio-qd16 ddrescue-d qrescue-d-qd16 qrescue-start")
# qrescue's default queue depth follows the source's rotational flag (1 if rotational or unknown: one stream
# for a spinning disk). A loop device and a virtio disk report rotational=1 even on flash, so the rows that
# measure the pipeline pass --queue-depth=16 explicitly; the header records the flag.
# Output: WORKDIR/imaging-results.md (medians, MB/s, ratios), WORKDIR/imaging-raw.tsv (every run).
set -euo pipefail

size_arg=${1:-4G}
work=${2:-$(mktemp -d /var/tmp/qrescue-imaging.XXXXXX)}
rounds=${ROUNDS:-3}
loop=${LOOP:-0}
quick=${QUICK:-0}
only=${ONLY:-}

qrescue=recovery/target/qrescue.jar
bench_jar=bench/target/benchmarks.jar
for f in "$qrescue" "$bench_jar"; do
    [ -f "$f" ] || { echo "$f missing: run 'mvn -q -B -DskipTests install' at the repository root" >&2; exit 1; }
done
for tool in ddrescue ddrescuelog fio /usr/bin/time losetup; do
    command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install -y gddrescue fio time)" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "must run as root (drop_caches, losetup)" >&2; exit 1; }

mkdir -p "$work"
work=$(cd "$work" && pwd)
bytes=$(numfmt --from=iec "$size_arg")
(( bytes % 1048576 == 0 )) || { echo "SIZE must be a multiple of 1 MiB" >&2; exit 1; }
file=$work/rand-$size_arg.bin
if [ "$(stat -c %s "$file" 2>/dev/null || echo 0)" != "$bytes" ]; then
    echo "creating $file ($bytes bytes of random data)"
    head -c "$bytes" /dev/urandom > "$file.tmp"
    mv "$file.tmp" "$file"
fi

dev=
cleanup() {
    rm -f "$work/out.img" "$work/out.map" "$work/out.map.bak" "$work/out.map.source"
    if [ -n "$dev" ]; then losetup -d "$dev" || echo "could not detach $dev" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$loop" = 1 ]; then
    dev=$(losetup -f --show -r --direct-io=on "$file")
    src=$dev
    udevadm settle 2>/dev/null || true
else
    src=$file
fi

# --- the machine, recorded in the header of the results -------------------------------------------------
disk=$(findmnt -no SOURCE -T "$work" | sed 's/\[.*//')
parent=$(lsblk -no PKNAME "$disk" 2>/dev/null | head -1)
[ -n "$parent" ] && disk=/dev/$parent
header=$work/imaging-header.md
{
    echo "# Imaging throughput: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- source: \`$src\` ($bytes bytes of random data$([ "$loop" = 1 ] && echo ", loop device with direct-io=on over \`$file\`"))"
    echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -h | awk '/^Mem:/ {print $2}') memory, kernel $(uname -r)"
    echo "- disk: \`$(lsblk -dno NAME,MODEL,SIZE,ROTA,TYPE "$disk" | tr -s ' ')\` (model: $(lsblk -dno MODEL "$disk" | sed 's/^ *$/none reported/')), scheduler $(cat /sys/block/"$(basename "$disk")"/queue/scheduler 2>/dev/null || echo '?'), $(findmnt -no FSTYPE -T "$work") file system"
    echo "- tools: $(java -version 2>&1 | head -1), $(ddrescue --version | head -1), $(fio --version), $(dd --version | head -1)"
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $rounds interleaved rounds, page cache dropped before every run"
    echo "- qrescue commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
} > "$header"

# --- the configurations: id | label | command ---------------------------------------------------------
out=$work/out.img
map=$work/out.map
configs=(
    "fio-qd16|fio read, 1 MiB, libaio qd16 (the limit)|fio --name=seqread --filename=$src --readonly --rw=read --bs=1M --direct=1 --ioengine=libaio --iodepth=16 --size=$bytes --output=/dev/null"
    "dd-direct|dd iflag=direct bs=1M|dd if=$src of=/dev/null iflag=direct bs=1M status=none"
    "ddrescue-d|ddrescue -d -f → /dev/null|ddrescue -q -d -f $src /dev/null"
    "ddrescue-d-c2048|ddrescue -d -c2048 -f → /dev/null|ddrescue -q -d -c2048 -f $src /dev/null"
    "qrescue-d|qrescue image -d -f → /dev/null|java -jar $qrescue image -q -d -f $src /dev/null"
    "qrescue-d-c2048|qrescue image -d -c2048 -f → /dev/null|java -jar $qrescue image -q -d -c2048 -f $src /dev/null"
    "qrescue-d-qd16|qrescue image -d --queue-depth=16 -f → /dev/null|java -jar $qrescue image -q -d --queue-depth=16 -f $src /dev/null"
    "qrescue-d-c2048-qd16|qrescue image -d -c2048 --queue-depth=16 -f → /dev/null|java -jar $qrescue image -q -d -c2048 --queue-depth=16 -f $src /dev/null"
    "qrescue-start|qrescue JVM start-up only (image --help)|java -jar $qrescue image --help"
)
if [ "$quick" != 1 ]; then
    configs+=(
        "ddrescue-d-file|ddrescue -d → file + map, same disk, then sync|ddrescue -q -d $src $out $map && sync"
        "qrescue-d-file|qrescue image -d → file + map, same disk, then sync|java -jar $qrescue image -q -d $src $out $map && sync"
        "qrescue-d-c2048-file|qrescue image -d -c2048 → file + map, then sync|java -jar $qrescue image -q -d -c2048 $src $out $map && sync"
        "qrescue-d-qd16-file|qrescue image -d --queue-depth=16 → file + map, then sync|java -jar $qrescue image -q -d --queue-depth=16 $src $out $map && sync"
    )
fi

if [ -n "$only" ]; then
    kept=()
    for c in "${configs[@]}"; do
        for id in $only; do [ "${c%%|*}" = "$id" ] && kept+=("$c"); done
    done
    configs=("${kept[@]}")
fi
echo "- source rotational flag: $(cat /sys/block/"$(basename "$(readlink -f "$src")")"/queue/rotational 2>/dev/null || echo 'n/a (a file)'); runs: $(for c in "${configs[@]}"; do printf '%s ' "${c%%|*}"; done)" >> "$header"

raw=$work/imaging-raw.tsv
printf 'id\tlabel\tround\tseconds\tuser_s\tsys_s\texit\n' > "$raw"
n=${#configs[@]}
for ((round = 1; round <= rounds; round++)); do
    for ((k = 0; k < n; k++)); do
        IFS='|' read -r id label cmd <<< "${configs[$(((k + round - 1) % n))]}"
        rm -f "$out" "$map" "$map.bak" "$map.source"   # .source: qrescue's record of the source disk
        sync
        echo 3 > /proc/sys/vm/drop_caches
        [ -n "$dev" ] && blockdev --flushbufs "$dev"
        start=$(date +%s.%N)
        status=0
        /usr/bin/time -f '%U %S' -o "$work/time.txt" bash -c "$cmd" > "$work/run.log" 2>&1 || status=$?
        end=$(date +%s.%N)
        seconds=$(echo "$end - $start" | bc)
        read -r user sys < <(tail -1 "$work/time.txt")
        if [ "$status" = 0 ] && [ -f "$map" ] && ! ddrescuelog -D "$map" >/dev/null 2>&1; then
            echo "  $id: the mapfile does not show everything finished" >&2
            status=99
        fi
        if [ "$status" != 0 ]; then
            echo "  $id failed with status $status:" >&2
            sed 's/^/    /' "$work/run.log" >&2
        fi
        printf '%s\t%s\t%d\t%s\t%s\t%s\t%d\n' "$id" "$label" "$round" "$seconds" "$user" "$sys" "$status" >> "$raw"
        printf 'round %d  %-22s %8.2f s  (user %s s, sys %s s)\n' "$round" "$id" "$seconds" "$user" "$sys"
    done
done

java -cp "$bench_jar" io.qrescue.bench.harness.ImagingReport "$raw" "$bytes" "$header" "$work/imaging-results.md"
rm -f "$work/time.txt" "$work/run.log"
echo "results: $work/imaging-results.md"
cat "$work/imaging-results.md"
