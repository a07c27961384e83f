#!/bin/bash
# Volume extraction throughput: the engine of `qrescue extract` against plain dd copying the same bytes, as
# whole processes (JVM start-up included; the engine's own in-process time is a row of its own), output
# written to a file on the same disk and synced. Not a test;
# never run by CI. Needs root (drop_caches) and a built tree (mvn -q -B -DskipTests install).
#
# Usage: bench/scripts/extract.sh [SIZE] [WORKDIR]       (from the repository root)
#   SIZE     data bytes of the volume, IEC suffixes (default 2G, a multiple of 4 MiB); the image is
#            WORKDIR/rand-SIZE.bin (see DATA), created once and reused
#   WORKDIR  default: a new directory under /var/tmp (must be on a real disk, not tmpfs)
# Environment: ROUNDS=3 interleaved rounds, each configuration once per round in a rotated order.
#   BASELINE=DIR  also time an older build in the same rounds: DIR holds its qrescue.jar and benchmarks.jar
#                 (copies of recovery/target/qrescue.jar and bench/target/benchmarks.jar), rows "before"
#   DATA=random   the image's bytes: random (nothing sparse) or "mixed" (every other MiB zeros: half the
#                 volume is left as holes in the output); the image is WORKDIR/DATA-SIZE.bin
# The volumes:
#   4 extents  the image cut in four quarters laid out in the order 2,0,3,1 with a 256 MiB hole after the
#              second (a thin or fragmented LV); dd copies each quarter with skip/seek, then sets the size
#   linear     the whole image as one extent: `qrescue extract --offset 0 --length SIZE` against dd bs=4M
# Output: WORKDIR/extract-results.md (medians, MB/s of data bytes, ratio to dd), WORKDIR/extract-raw.tsv.
set -euo pipefail

size_arg=${1:-2G}
work=${2:-$(mktemp -d /var/tmp/qrescue-extract.XXXXXX)}
rounds=${ROUNDS:-3}
baseline=${BASELINE:-}
data=${DATA:-random}
[ "$data" = random ] || [ "$data" = mixed ] || { echo "DATA must be random or mixed" >&2; exit 1; }

qrescue=$PWD/recovery/target/qrescue.jar
bench_jar=$PWD/bench/target/benchmarks.jar
for f in "$qrescue" "$bench_jar" ${baseline:+"$baseline/qrescue.jar" "$baseline/benchmarks.jar"}; do
    [ -f "$f" ] || { echo "$f missing: run 'mvn -q -B -DskipTests install' at the repository root" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "must run as root (drop_caches)" >&2; exit 1; }

mkdir -p "$work"
work=$(cd "$work" && pwd)
bytes=$(numfmt --from=iec "$size_arg")
(( bytes % 4194304 == 0 )) || { echo "SIZE must be a multiple of 4 MiB" >&2; exit 1; }
if [ "$data" = random ]; then
    img=$work/rand-$size_arg.bin
    data_text="random data"
else
    img=$work/mixed-$size_arg.bin
    data_text="every other MiB random, the others zeros"
fi
if [ "$(stat -c %s "$img" 2>/dev/null || echo 0)" != "$bytes" ]; then
    echo "creating $img ($bytes bytes, $data_text)"
    if [ "$data" = random ]; then
        head -c "$bytes" /dev/urandom > "$img.tmp"
    else
        for ((mib = 0; mib < bytes >> 20; mib += 2)); do
            head -c 1048576 /dev/urandom
            head -c 1048576 /dev/zero
        done > "$img.tmp"
    fi
    mv "$img.tmp" "$img"
fi
out=$work/out.raw
trap 'rm -f "$out" "$out.map" "$work"/.out.raw.tmp-* "$work/result.txt" "$work/run.log"' EXIT

# four quarters q of the image at logical positions: order 2,0,3,1, a 256 MiB hole after the second
q=$((bytes / 4))
hole=$((256 << 20))
logical=(0 $q $((2 * q + hole)) $((3 * q + hole)))
physical=($((2 * q)) 0 $((3 * q)) $q)
volume_bytes=$((bytes + hole))
spec=
dd_cmd=
for i in 0 1 2 3; do
    spec+="${spec:+,}${logical[$i]}:${physical[$i]}:$q"
    dd_cmd+="dd if=$img of=$out bs=4M iflag=skip_bytes,count_bytes oflag=seek_bytes conv=notrunc"
    dd_cmd+=" skip=${physical[$i]} seek=${logical[$i]} count=$q status=none && "
done
dd_cmd+="truncate -s $volume_bytes $out && sync"

header=$work/extract-header.md
{
    echo "# Volume extraction throughput: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- image: \`$img\` ($bytes bytes, $data_text); output on the same file system ($(findmnt -no FSTYPE -T "$work"))"
    echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -h | awk '/^Mem:/ {print $2}') memory, kernel $(uname -r)"
    echo "- tools: $(java -version 2>&1 | head -1), $(dd --version | head -1)"
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $rounds interleaved rounds, page cache dropped before every run"
    echo "- qrescue commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
    [ -z "$baseline" ] || echo "- before: the build in \`$baseline\`, timed in the same rounds"
} > "$header"

configs=(
    "dd-read|dd bs=4M → /dev/null (read only, the image once)|dd if=$img of=/dev/null bs=4M status=none"
    "dd-4ext|4 extents: dd bs=4M per extent + truncate, sync|$dd_cmd"
    "qrescue-4ext|4 extents: qrescue extraction engine (ExtractionRun), sync|java -cp $bench_jar io.qrescue.bench.harness.ExtractionRun $img $out $volume_bytes $spec $work/result.txt && sync"
    "dd-linear|linear: dd bs=4M, sync|dd if=$img of=$out bs=4M status=none && sync"
    "qrescue-linear|linear: qrescue extract --offset 0 --length SIZE, sync|java -jar $qrescue extract -q -f $img --offset 0 --length $bytes $out && sync"
    "qrescue-start|qrescue JVM start-up only (extract --help)|java -jar $qrescue extract --help"
)
if [ -n "$baseline" ]; then
    configs+=(
        "before-4ext|4 extents: qrescue extraction engine (ExtractionRun), sync, before|java -cp $baseline/benchmarks.jar io.qrescue.bench.harness.ExtractionRun $img $out $volume_bytes $spec $work/result.txt && sync"
        "before-linear|linear: qrescue extract --offset 0 --length SIZE, sync, before|java -jar $baseline/qrescue.jar extract -q -f $img --offset 0 --length $bytes $out && sync"
    )
fi
# the engine alone: the seconds ExtractionRun measured around VolumeExtractor.extract (output forced to disk)
engine_label="4 extents: qrescue engine alone (in-process time of extract(), no JVM start-up)"

raw=$work/extract-raw.tsv
printf 'id\tlabel\tround\tseconds\texit\n' > "$raw"
n=${#configs[@]}
for ((round = 1; round <= rounds; round++)); do
    for ((k = 0; k < n; k++)); do
        IFS='|' read -r id label cmd <<< "${configs[$(((k + round - 1) % n))]}"
        rm -f "$out" "$out.map"
        sync
        echo 3 > /proc/sys/vm/drop_caches
        start=$(date +%s.%N)
        status=0
        bash -c "$cmd" > "$work/run.log" 2>&1 || status=$?
        end=$(date +%s.%N)
        seconds=$(echo "$end - $start" | bc)
        if [ "$status" = 0 ] && [ -f "$out" ]; then
            # both tools must have written the same volume: compare with the first output of this round's kind
            sum=$(md5sum < "$out" | cut -d' ' -f1)
            kind=${id#*-}
            ref_file=$work/sum-$kind
            if [ -f "$ref_file" ] && [ "$(cat "$ref_file")" != "$sum" ]; then
                echo "  $id: output differs from the other tool's" >&2
                status=98
            fi
            echo "$sum" > "$ref_file"
        fi
        [ "$status" != 0 ] && { echo "  $id failed with status $status:" >&2; sed 's/^/    /' "$work/run.log" >&2; }
        printf '%s\t%s\t%d\t%s\t%d\n' "$id" "$label" "$round" "$seconds" "$status" >> "$raw"
        printf 'round %d  %-16s %8.2f s\n' "$round" "$id" "$seconds"
        if [ "$status" = 0 ] && [[ $id == *-4ext && $id != dd-* ]]; then
            engine=$(cut -d' ' -f5 "$work/result.txt")
            if [ -n "$engine" ]; then # builds before the in-process timing wrote four fields only
                if [ "$id" = before-4ext ]; then
                    printf 'enginebefore-4ext\t%s, before\t%d\t%s\t0\n' "$engine_label" "$round" "$engine" >> "$raw"
                else
                    printf 'engine-4ext\t%s\t%d\t%s\t0\n' "$engine_label" "$round" "$engine" >> "$raw"
                fi
            fi
        fi
    done
done
rm -f "$work"/sum-*

results=$work/extract-results.md
{
    cat "$header"
    echo
    echo "Medians over the rounds; MB/s = 10^6 data bytes ($bytes; the hole is not counted) per second of wall"
    echo "time, process start-up and the final sync included."
    echo
    echo "| configuration | runs | median s | MB/s | × dd of the same volume |"
    echo "|---|---:|---:|---:|---:|"
    awk -F'\t' -v bytes="$bytes" -f bench/scripts/median-table.awk "$raw" | sort -t'|' -k2,2
    echo
    echo "## All runs (seconds, in round order)"
    echo
    awk -F'\t' 'NR > 1 { r[$1] = r[$1] " " $4 (($5 == 0) ? "" : "(failed)") } END { for (id in r) print "- " id ":" r[id] }' "$raw" | sort
} > "$results"
echo "results: $results"
cat "$results"
