#!/bin/bash
# The whole rescue job (`qrescue rescue`) on a QNAP-like example disk, timed as a process, next to a plain
# `dd` of the same disk. Not a test; never run by CI. Needs root (drop_caches), QEMU (the example is made in the
# recovery appliance) and a built tree (mvn -q -B -DskipTests install).
#
# Usage: bench/scripts/rescue-pipeline.sh [SIZE_MIB] [WORKDIR]     (from the repository root)
#   SIZE_MIB  size of the example disk (default 1024); made once with `qrescue appliance make-volume` and reused
#   WORKDIR   default /var/tmp/qrescue-pipeline-bench
# Environment: ROUNDS=3; each round drops the page cache, runs dd to /dev/null, then a fresh rescue job.
# Output: WORKDIR/pipeline-results.md (every run and the medians).
set -euo pipefail

size=${1:-1024}
work=${2:-/var/tmp/qrescue-pipeline-bench}
rounds=${ROUNDS:-3}
qrescue=$PWD/recovery/target/qrescue.jar
[ -f "$qrescue" ] || { echo "$qrescue missing: run 'mvn -q -B -DskipTests install' first" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "must run as root (drop_caches)" >&2; exit 1; }
mkdir -p "$work"
disk=$work/nas-${size}M.img
if [ ! -f "$disk" ]; then
    echo "making the example disk ($size MiB) in the appliance..." >&2
    java -jar "$qrescue" appliance make-volume "$disk" --size "$size" --seed 7 >&2
fi

seconds() { # runs "$@" (its output to WORKDIR/last-run.log), prints its wall seconds; stops the script if it fails
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >"$work/last-run.log" 2>&1 || { echo "failed: $* (see $work/last-run.log)" >&2; exit 1; }
    t1=$(date +%s.%N)
    printf '%.2f' "$(echo "$t1 - $t0" | bc)"
}

dd_runs=(); job_runs=()
for r in $(seq "$rounds"); do
    sync; echo 3 > /proc/sys/vm/drop_caches
    dd_runs+=("$(seconds dd if="$disk" of=/dev/null bs=1M)")
    rm -rf "$work/job"
    sync; echo 3 > /proc/sys/vm/drop_caches
    job_runs+=("$(seconds java -jar "$qrescue" rescue -q "$disk" "$work/job")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
{
    echo "# Rescue job on a ${size} MiB QNAP-like disk ($(date -u +%F' '%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo "The example is sparse (the appliance writes about 1.5 MB of files and the stack's metadata), so dd"
    echo "reads it mostly from holes; the job's time is its own work: imaging, analysis, extraction, files, report."
    echo
    echo "| what | median s | runs (s) |"
    echo "|---|---:|---|"
    echo "| dd bs=1M to /dev/null (reading the disk once) | $(median "${dd_runs[@]}") | ${dd_runs[*]} |"
    echo "| qrescue rescue (discover, image, analyse, extract, files, report) | $(median "${job_runs[@]}") | ${job_runs[*]} |"
} | tee "$work/pipeline-results.md"
