#!/bin/bash
# Stack-aware imaging on a big sparse QNAP-like disk: how much `qrescue rescue --until=files` reads until every file
# is complete (bytesReadWhenFilesComplete in report.json) and how long it takes (to the end of the files round, and
# the whole job: analysis, the volume extracted sparse, the files copied with their sha256, the report), next to GNU
# ddrescue reading the same disk (measured over its first DD_GIB GiB and scaled to the disk: ddrescue reads every
# byte). Checks every copied file against the sha256 of the file written into the filesystem.
# Not a test; never run by CI. Needs mke2fs (e2fsprogs), ddrescue, python3, for LAYOUT=thin thin_restore and
# thin_check (thin-provisioning-tools), and a built tree (mvn -q -B -DskipTests package, from the repository root).
#
# Usage: [LAYOUT=linear|thin] bench/scripts/stack-imaging.sh [SIZE_BYTES] [FILES_GIB] [WORKDIR]
#   SIZE_BYTES  the disk (default 1 TiB): an md 1.0 member, a PV, VG vg1 and
#               LAYOUT=linear (default): one linear LV lv1 over nearly all of it (SparseFilesDisk);
#               LAYOUT=thin: a thin pool tp1 (512 KiB chunks) over nearly all of it and one thin volume lv1 as large
#               as the pool, its data chunks mapped in order by thin_restore, checked by thin_check (SparseThinFilesDisk)
#   FILES_GIB   random files written into lv1's ext4 by mke2fs -d (default 10: about 1% of 1 TiB)
# Output: WORKDIR/stack-imaging-LAYOUT.md. Disk space: about 4 × FILES_GIB at the peak.
set -euo pipefail

layout=${LAYOUT:-linear}
size=${1:-1099511627776}
files_gib=${2:-10}
work=${3:-/var/tmp/qrescue-stack-imaging-$layout}
dd_gib=${DD_GIB:-32}
jar=$PWD/recovery/target/qrescue.jar
[ -f "$jar" ] || { echo "$jar missing: run 'mvn -q -B -DskipTests package' first" >&2; exit 1; }
[ -d recovery/target/test-classes ] || mvn -o -q -B -pl mapfile,imager,recovery test-compile
cp=recovery/target/test-classes:$jar
mkdir -p "$work"
disk=$work/disk.img
if [ ! -f "$disk" ]; then
    payload=$work/payload
    mkdir -p "$payload/photos" "$payload/docs"
    for i in $(seq "$files_gib"); do
        head -c 1G /dev/urandom > "$payload/photos/video-$i.bin"
        for j in $(seq 100); do head -c $((RANDOM * 8)) /dev/urandom > "$payload/docs/note-$i-$j.txt"; done
    done
    (cd "$payload" && find . -type f -printf '%P\n' | sort | xargs -d '\n' sha256sum) > "$work/payload.sha256"
    if [ "$layout" = thin ]; then
        fs=$work/lv1.img
        rm -f "$fs"
        truncate -s "$(java -cp "$cp" io.qrescue.recovery.pipeline.SparseThinFilesDisk --lv-size "$size")" "$fs"
        mke2fs -q -t ext4 -F -L DataVol1 -d "$payload" "$fs"
        rm -rf "$payload"
        python3 - "$fs" > "$work/lv1.ranges" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
size = os.fstat(fd).st_size
pos = 0
while pos < size:
    try:
        data = os.lseek(fd, pos, os.SEEK_DATA)
    except OSError:
        break
    hole = os.lseek(fd, data, os.SEEK_HOLE)
    print(data, hole - data)
    pos = hole
PY
        java -cp "$cp" io.qrescue.recovery.pipeline.SparseThinFilesDisk "$disk" "$size" "$fs" "$work/lv1.ranges"
        rm -f "$fs"
    else
        read -r offset blocks < <(java -cp "$cp" io.qrescue.recovery.pipeline.SparseFilesDisk "$disk" "$size")
        mke2fs -q -t ext4 -F -L DataVol1 -E offset="$offset" -d "$payload" "$disk" "$blocks"
        rm -rf "$payload"
    fi
fi
echo "disk: $disk ($(stat -c %s "$disk") bytes, $(du -k "$disk" | cut -f1) KiB allocated)" >&2

rm -rf "$work/job"
sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
t0=$(date +%s.%N)
java -jar "$jar" rescue -q --vm=never --until=files "$disk" "$work/job" > "$work/job.log" 2>&1 &
pid=$!
# the files round is over when the outputs start
t_files=""
while kill -0 "$pid" 2>/dev/null; do
    if [ -z "$t_files" ] && grep -q "== extract" "$work/job.log"; then t_files=$(date +%s.%N); fi
    sleep 0.2
done
t1=$(date +%s.%N)
job_rc=0; wait "$pid" || job_rc=$?
[ -n "$t_files" ] || t_files=$t1
files_s=$(echo "$t_files - $t0" | bc)
job_s=$(echo "$t1 - $t0" | bc)
when=$(grep -o '"bytesReadWhenFilesComplete": [0-9]*' "$work/job/report.json" | grep -o '[0-9]*$')
intact=$(grep -c -F -x -f "$work/payload.sha256" "$work/job/files/vg1-lv1/SHA256SUMS" || true)
total=$(wc -l < "$work/payload.sha256")
extracted_kib=$(du -k "$work/job/volumes" | tail -1 | cut -f1)

sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
rm -f "$work/dd.map"
t0=$(date +%s.%N)
ddrescue -q -f -s "${dd_gib}GiB" "$disk" /dev/null "$work/dd.map"
t1=$(date +%s.%N)
dd_s=$(echo "$t1 - $t0" | bc)
dd_whole=$(echo "$dd_s * $size / ($dd_gib * 1073741824)" | bc)
{
    echo "# Stack-aware imaging on a $size-byte sparse QNAP-like disk, lv1 $layout ($(date -u +%F' '%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo "| what | figure |"
    echo "|---|---:|"
    echo "| file data in lv1 (mke2fs -d) | $files_gib GiB + $((files_gib * 100)) small files |"
    echo "| qrescue rescue --until=files: bytes read when every file is complete | $when ($(echo "scale=3; 100 * $when / $size" | bc) % of the disk) |"
    echo "| qrescue rescue --until=files: wall time to the end of the files round | $files_s s |"
    echo "| qrescue rescue --until=files: wall time of the whole job (exit $job_rc; volume extracted, files copied, report) | $job_s s |"
    echo "| files copied sha256-identical to those written | $intact of $total |"
    echo "| the extracted volume's allocated size | $extracted_kib KiB |"
    echo "| ddrescue -f to /dev/null: the first $dd_gib GiB | $dd_s s |"
    echo "| ddrescue of the whole disk (every byte; scaled from the line above) | ~$dd_whole s |"
    echo
    echo '```'
    cat "$work/job/progress.json"
    echo '```'
} | tee "$work/stack-imaging-$layout.md"
