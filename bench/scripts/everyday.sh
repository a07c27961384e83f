#!/bin/bash
# Whole-process figures of everyday commands next to the tool a technician would otherwise run, in the same
# interleaved rounds: wall time, CPU time (user + system) and peak RSS of the whole process, as a user sees
# them (./qrescue, the launcher, with its class-data-sharing archive; JVM start-up included). Not a test;
# never run by CI.
#
# Usage: bench/scripts/everyday.sh [WORKDIR]      (from the repository root, after mvn -q -B -DskipTests package)
#   WORKDIR  default: a new directory under /var/tmp (the extract and image sections need a real disk, not tmpfs)
# Environment:
#   ROUNDS=5       interleaved rounds; each round runs every configuration of a section once, in a rotated order
#   ONLY="log startup resume analyze extract image"   the sections to run
#   BASELINE=JAR   also time an older build's qrescue.jar (run as `java -jar JAR`, as its launcher did): rows "before"
# Sections (anchor → qrescue):
#   log      on a 1,000,000-block mapfile (MapfileGenerator, 3 TB disk): ddrescuelog -t, -l- (bad sectors, 512-byte
#            blocks), -l+ -b 4Mi (finished 4 MiB blocks: -l+ of 512-byte blocks would list 4.7 G numbers),
#            -C, -x (with a second 1M-block map) → qrescue log with the same options; outputs compared first
#   startup  ddrescuelog --version and -t of a 10-block map → qrescue --version and log -t of the same map
#   resume   ddrescue -s 1Mi resuming the 1M-block map over a sparse 3 TB file (the domain is finished: read,
#            check and save the map) → qrescue image with the same options; mapfiles compared first
#   analyze  qrescue analyze of a sparse 4 TiB QNAP-like image (LargeStackImage; needs thin_restore): no anchor
#   extract  1 GiB of random data: dd bs=4M → qrescue extract --offset 0 --length 1G, output synced, page cache
#            dropped before every run (root)
#   image    a 2 GiB loop device (losetup -r --direct-io=on over a file of random data): fio direct read, 1 MiB,
#            libaio queue depth 16 → qrescue image -d --queue-depth=16 to /dev/null (root; needs fio)
# Output: WORKDIR/everyday-results.md (medians, ratios) and WORKDIR/everyday-raw.tsv (kept: running a section
# again in the same WORKDIR adds its rounds to the medians).
set -euo pipefail

root=$PWD
qrescue=$root/qrescue
jar=$root/recovery/target/qrescue.jar
bench_jar=$root/bench/target/benchmarks.jar
for f in "$jar" "$bench_jar"; do
    [ -f "$f" ] || { echo "$f missing: run 'mvn -q -B -DskipTests package' at the repository root" >&2; exit 1; }
done
command -v ddrescuelog >/dev/null || { echo "ddrescuelog not found (apt-get install gddrescue)" >&2; exit 1; }
rounds=${ROUNDS:-5}
only=${ONLY:-log startup resume analyze extract image}
baseline=${BASELINE:-}
work=${1:-$(mktemp -d /var/tmp/qrescue-everyday.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
raw=$work/everyday-raw.tsv
# rows accumulate across runs in the same WORKDIR (a section run again adds rounds); delete the file to start afresh
[ -f "$raw" ] || printf 'section\tid\trole\tlabel\tround\twall\tcpu\trss_kib\texit\n' > "$raw"
"$qrescue" --version >/dev/null # builds the jar's archive now, not in the first timed run
dev=
cleanup() {
    if [ -n "$dev" ]; then losetup -d "$dev" || echo "could not detach $dev" >&2; fi
    rm -f "$work/out.raw" "$work/out.raw.map" "$work"/img.map* "$work"/resume.map* "$work/sparse-3T.img" "$work/time.txt"
}
trap cleanup EXIT

# run_section NAME DROP_CACHES CONFIG...   each CONFIG is "id|role|label|command"; role: anchor, qrescue, before
run_section() {
    local section=$1 drop=$2
    shift 2
    local configs=("$@") n=$# round k
    for ((round = 1; round <= rounds; round++)); do
        for ((k = 0; k < n; k++)); do
            IFS='|' read -r id role label cmd <<< "${configs[$(((k + round - 1) % n))]}"
            if [ "$drop" = 1 ]; then
                sync
                echo 3 > /proc/sys/vm/drop_caches
            fi
            local status=0
            /usr/bin/time -o "$work/time.txt" -f '%e %U %S %M' bash -c "$cmd" > /dev/null 2> "$work/run.log" || status=$?
            read -r wall user sys rss < <(tail -n 1 "$work/time.txt")
            [ "$status" = 0 ] || { echo "  $id failed with status $status:" >&2; sed 's/^/    /' "$work/run.log" >&2; }
            [ "$status" != 0 ] || [ ! -s "$work/run.log" ] || [ "$role" = anchor ] || [ "$section" = image ] \
                || { echo "  $id wrote to stderr:" >&2; sed 's/^/    /' "$work/run.log" >&2; }
            printf '%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%d\n' "$section" "$id" "$role" "$label" "$round" "$wall" \
                "$(echo "$user + $sys" | bc)" "$rss" "$status" >> "$raw"
            printf '%-8s round %d  %-14s %6.2f s wall %6.2f s CPU\n' "$section" "$round" "$id" "$wall" "$(echo "$user + $sys" | bc)"
        done
    done
}

# same_output "ANCHOR CMD" "QRESCUE CMD": both must print the same (mapfile header comments aside)
same_output() {
    if ! diff -q <(bash -c "$1" | grep -v '^#') <(bash -c "$2" | grep -v '^#') >/dev/null; then
        echo "outputs differ: '$1' and '$2'" >&2
        exit 1
    fi
}

# add ID ROLE LABEL COMMAND: one configuration of the next section; a qrescue one also gets its "before" row
add() {
    configs+=("$1|$2|$3|$4")
    if [ "$2" = qrescue ] && [ -n "$baseline" ]; then
        configs+=("$1-before|before|$3, before|${4//$qrescue/java -jar $baseline}")
    fi
}

case " $only " in *" log "*|*" startup "*|*" resume "*)
    [ -f "$work/1m.map" ] || java -cp "$bench_jar" io.qrescue.bench.MapfileGenerator "$work/1m.map" 1000000 1 >/dev/null
    [ -f "$work/1m-b.map" ] || java -cp "$bench_jar" io.qrescue.bench.MapfileGenerator "$work/1m-b.map" 1000000 2 >/dev/null
    java -cp "$bench_jar" io.qrescue.bench.MapfileGenerator "$work/10.map" 10 1 >/dev/null
esac

case " $only " in *" log "*)
    configs=()
    for op in "t|-t" "l-|-l-" "l+|-l+ -b 4Mi" "C|-C" "x|-x $work/1m-b.map"; do
        id=${op%%|*}
        opts=${op#*|}
        same_output "ddrescuelog $opts $work/1m.map" "$qrescue log $opts $work/1m.map"
        add "d$id" anchor "ddrescuelog ${opts/$work\//} (1M blocks)" "ddrescuelog $opts $work/1m.map"
        add "q$id" qrescue "qrescue log ${opts/$work\//} (1M blocks)" "$qrescue log $opts $work/1m.map"
    done
    run_section log 0 "${configs[@]}"
esac

case " $only " in *" startup "*)
    configs=()
    add dv anchor "ddrescuelog --version" "ddrescuelog --version"
    add qv qrescue "qrescue --version" "$qrescue --version"
    add dt10 anchor "ddrescuelog -t (10 blocks)" "ddrescuelog -t $work/10.map"
    add qt10 qrescue "qrescue log -t (10 blocks)" "$qrescue log -t $work/10.map"
    run_section startup 0 "${configs[@]}"
esac

case " $only " in *" resume "*)
    # a rescue resumed on the 1M-block map with a domain that is already finished: read, check, save the map
    src=$work/sparse-3T.img
    truncate -s 3000592982016 "$src"
    map=$work/resume.map
    cp "$work/1m.map" "$map.d" && ddrescue -q -f -s 1Mi "$src" /dev/null "$map.d"
    cp "$work/1m.map" "$map" && "$qrescue" image -q -f -s 1Mi "$src" /dev/null "$map"
    diff -q <(grep -v '^#' "$map.d") <(grep -v '^#' "$map") >/dev/null || { echo "resume: the mapfiles differ" >&2; exit 1; }
    configs=()
    add dr anchor "ddrescue -s 1Mi resuming the 1M-block map" "cp $work/1m.map $map && ddrescue -q -f -s 1Mi $src /dev/null $map"
    add qr qrescue "qrescue image -s 1Mi resuming the 1M-block map" "rm -f $map.* && cp $work/1m.map $map && $qrescue image -q -f -s 1Mi $src /dev/null $map"
    run_section resume 0 "${configs[@]}"
esac

case " $only " in *" analyze "*)
    image=$work/4t.img
    if [ ! -f "$image" ]; then
        command -v thin_restore >/dev/null || { echo "thin_restore not found (thin-provisioning-tools)" >&2; exit 1; }
        (cd "$root" && mvn -q -B -pl mapfile,imager,recovery test-compile)
        java -cp "$root/recovery/target/test-classes:$jar" io.qrescue.recovery.analysis.LargeStackImage "$image" \
            4398046511104 1000000
    fi
    configs=()
    add qa qrescue "qrescue analyze (sparse 4 TiB QNAP-like image, 1M thin mappings)" "$qrescue analyze $image"
    run_section analyze 0 "${configs[@]}"
esac

case " $only " in *" extract "*)
    [ "$(id -u)" = 0 ] || { echo "extract: must run as root (drop_caches)" >&2; exit 1; }
    img=$work/rand-1G.bin
    [ "$(stat -c %s "$img" 2>/dev/null || echo 0)" = 1073741824 ] || head -c 1073741824 /dev/urandom > "$img"
    out=$work/out.raw
    configs=()
    add dd anchor "dd bs=4M of 1 GiB, synced" "rm -f $out && dd if=$img of=$out bs=4M status=none && sync"
    add qx qrescue "qrescue extract --offset 0 --length 1G, synced" \
        "rm -f $out $out.map && $qrescue extract -q -f $img --offset 0 --length 1073741824 $out && sync"
    run_section extract 1 "${configs[@]}"
esac

case " $only " in *" image "*)
    [ "$(id -u)" = 0 ] || { echo "image: must run as root (drop_caches, losetup)" >&2; exit 1; }
    command -v fio >/dev/null || { echo "fio not found (apt-get install fio)" >&2; exit 1; }
    file=$work/rand-2G.bin
    [ "$(stat -c %s "$file" 2>/dev/null || echo 0)" = 2147483648 ] || head -c 2147483648 /dev/urandom > "$file"
    dev=$(losetup -f --show -r --direct-io=on "$file")
    map=$work/img.map
    configs=()
    add fio anchor "fio direct read of 2 GiB, 1 MiB, libaio queue depth 16" \
        "fio --name=seqread --filename=$dev --readonly --rw=read --bs=1M --direct=1 --ioengine=libaio --iodepth=16 --size=2147483648 --output=/dev/null"
    add qi qrescue "qrescue image -d --queue-depth=16 of 2 GiB to /dev/null" \
        "rm -f $map $map.bak $map.source && $qrescue image -q -f -d --queue-depth=16 $dev /dev/null $map"
    run_section image 1 "${configs[@]}"
esac

results=$work/everyday-results.md
{
    echo "# Everyday commands as whole processes: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -h | awk '/^Mem:/ {print $2}') memory, kernel $(uname -r)"
    echo "- tools: $(java -version 2>&1 | head -1), $(ddrescuelog --version | head -1)$(command -v fio >/dev/null && echo ", $(fio --version)")"
    echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $rounds interleaved rounds (rotated order)"
    echo "- qrescue commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (dirty)'); run through ./qrescue (class-data sharing on)"
    [ -z "$baseline" ] || echo "- before: \`java -jar $baseline\` (its launcher's way), timed in the same rounds"
    echo
    echo "Medians of whole-process wall time, CPU time (user + system) and peak RSS. Ratios: qrescue ÷ the anchor"
    echo "of the same section (median ÷ median); for extract and image the anchor's time ÷ qrescue's, i.e."
    echo "throughput as a fraction of the anchor's."
    echo
    echo "| section | command | runs | wall s | CPU s | peak RSS MiB | wall ratio | CPU ratio |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '
        NR > 1 && $9 == 0 {
            key = $1 SUBSEP $2
            if (!(key in seen)) { order[++k] = key; seen[key] = 1; sec[key] = $1; role[key] = $3; label[key] = $4 }
            w[key] = w[key] " " $6; c[key] = c[key] " " $7; r[key] = r[key] " " $8
        }
        function median(list,   a, m, i, j, v) {
            m = split(substr(list, 2), a, " ")
            for (i = 2; i <= m; i++) { v = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > v; j--) a[j + 1] = a[j]; a[j + 1] = v }
            return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
        }
        END {
            for (i = 1; i <= k; i++) { key = order[i]; mw[key] = median(w[key]); mc[key] = median(c[key]); mr[key] = median(r[key]) }
            for (i = 1; i <= k; i++) {
                key = order[i]; wr = "–"; cr = "–"
                # the anchor of a row: the anchor row just before it in the same section
                if (role[key] != "anchor" && sec[key] != "startup") { # start-up is judged by its own figures
                    for (j = i - 1; j >= 1; j--) if (sec[order[j]] == sec[key] && role[order[j]] == "anchor") break
                    if (j >= 1) {
                        a = order[j]
                        if (sec[key] == "extract" || sec[key] == "image") { wr = sprintf("%.2f", mw[a] / mw[key]) }
                        else {
                            wr = mw[a] > 0 ? sprintf("%.2f", mw[key] / mw[a]) : "–"
                            cr = mc[a] > 0 ? sprintf("%.2f", mc[key] / mc[a]) : "–"
                        }
                    }
                }
                printf "| %s | %s | %d | %.3f | %.3f | %.0f | %s | %s |\n", sec[key], label[key],
                    split(substr(w[key], 2), x, " "), mw[key], mc[key], mr[key] / 1024, wr, cr
            }
        }' "$raw"
    echo
    echo "## Per round (wall s)"
    echo
    awk -F'\t' 'NR > 1 { r[$1 " " $2] = r[$1 " " $2] " " $6 (($9 == 0) ? "" : "(failed)") } END { for (id in r) print "- " id ":" r[id] }' "$raw" | sort
} > "$results"
echo "results: $results"
cat "$results"
