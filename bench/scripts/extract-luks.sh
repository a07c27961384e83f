#!/bin/bash
# Extraction of an encrypted volume: `qrescue extract --passphrase-file` (decrypting in Java) against dd copying
# the same ciphertext bytes, and `openssl speed` decrypting on one core in the same run, as whole processes (JVM
# start-up included), output on the same disk and synced. Not a test; never run by CI. Needs root (drop_caches),
# cryptsetup (luksFormat on a plain file only: no device-mapper needed) and a built tree
# (mvn -B -ntp -q -pl mapfile,imager,recovery,bench package -DskipTests).
#
# Usage: bench/scripts/extract-luks.sh [SIZE] [WORKDIR]    (from the repository root)
#   SIZE     payload bytes (default 1G, a multiple of 4 MiB)
#   WORKDIR  default: a new directory under /var/tmp (a real disk, not tmpfs)
# Environment: ROUNDS=3 interleaved rounds, each configuration once per round in a rotated order.
# The volumes: WORKDIR/luks1-cbc-plain.img (QNAP's LUKS1 aes-cbc-plain, sha1) and WORKDIR/luks2-xts.img (LUKS2
# aes-xts-plain64, 512-bit key), each a 2 MiB (LUKS1) or 16 MiB (LUKS2) header and SIZE bytes of random ciphertext
# (decrypting random bytes costs what decrypting real data costs).
# Output: WORKDIR/extract-luks-results.md (medians, MB/s of payload bytes, ratio to dd), WORKDIR/extract-luks-raw.tsv.
set -euo pipefail

size_arg=${1:-1G}
work=${2:-$(mktemp -d /var/tmp/qrescue-extract-luks.XXXXXX)}
rounds=${ROUNDS:-3}
qrescue=$PWD/recovery/target/qrescue.jar
[ -f "$qrescue" ] || { echo "$qrescue missing: build the tree first" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "must run as root (drop_caches)" >&2; exit 1; }
command -v cryptsetup > /dev/null || { echo "needs cryptsetup" >&2; exit 1; }
mkdir -p "$work"
work=$(cd "$work" && pwd)
bytes=$(numfmt --from=iec "$size_arg")
(( bytes % 4194304 == 0 )) || { echo "SIZE must be a multiple of 4 MiB" >&2; exit 1; }
pass=$work/passphrase
printf 'bench-passphrase' > "$pass"

# make NAME HEADER_MIB cryptsetup-options...: a header made by cryptsetup, then SIZE bytes of random ciphertext
make() {
    local img=$work/$1.img header_mib=$2
    shift 2
    [ "$(stat -c %s "$img" 2>/dev/null || echo 0)" = $((bytes + (header_mib << 20))) ] && return
    truncate -s $(((header_mib << 20) + bytes)) "$img.tmp"
    cryptsetup luksFormat -q --key-file "$pass" --pbkdf-force-iterations 1000 "$@" "$img.tmp" > /dev/null
    [ "$(cryptsetup luksDump "$img.tmp" | grep -Ec "Payload offset:\s+$((header_mib << 11))|offset: $((header_mib << 20)) \[bytes\]")" -ge 1 ] \
        || { echo "$1: payload not at $header_mib MiB" >&2; cryptsetup luksDump "$img.tmp" >&2; exit 1; }
    head -c "$bytes" /dev/urandom | dd of="$img.tmp" bs=4M seek=$((header_mib << 20)) oflag=seek_bytes conv=notrunc status=none
    mv "$img.tmp" "$img"
}
make luks1-cbc-plain 2 --type luks1 --cipher aes-cbc-plain --key-size 256 --hash sha1
make luks2-xts 16 --type luks2 --pbkdf pbkdf2 --cipher aes-xts-plain64 --key-size 512 --luks2-metadata-size 16k \
    --luks2-keyslots-size 16352k

out=$work/out.raw
trap 'rm -f "$out" "$out.map" "$work"/.out.raw.tmp-* "$work/run.log"' EXIT
configs=(
    "dd-cbc|LUKS1 aes-cbc-plain: dd bs=4M of the payload's ciphertext, sync|dd if=$work/luks1-cbc-plain.img of=$out bs=4M iflag=skip_bytes skip=$((2 << 20)) status=none && sync"
    "qrescue-cbc|LUKS1 aes-cbc-plain: qrescue extract --passphrase-file (decrypted), sync|java -jar $qrescue extract -q -f $work/luks1-cbc-plain.img --offset 0 --length $((bytes + (2 << 20))) --passphrase-file $pass $out > $work/run.log && sync"
    "dd-xts|LUKS2 aes-xts-plain64: dd bs=4M of the payload's ciphertext, sync|dd if=$work/luks2-xts.img of=$out bs=4M iflag=skip_bytes skip=$((16 << 20)) status=none && sync"
    "qrescue-xts|LUKS2 aes-xts-plain64: qrescue extract --passphrase-file (decrypted), sync|java -jar $qrescue extract -q -f $work/luks2-xts.img --offset 0 --length $((bytes + (16 << 20))) --passphrase-file $pass $out > $work/run.log && sync"
    "openssl-cbc|openssl speed -decrypt -evp aes-256-cbc, one core, 16 KiB blocks (MB/s, not seconds)|openssl speed -seconds 3 -bytes 16384 -decrypt -evp aes-256-cbc 2>/dev/null | awk 'tolower(\$1) == \"aes-256-cbc\" {sub(/k\$/, \"\", \$NF); print \$NF / 1000 > \"$work/openssl.txt\"}'"
    "openssl-xts|openssl speed -decrypt -evp aes-256-xts, one core, 16 KiB blocks (MB/s, not seconds)|openssl speed -seconds 3 -bytes 16384 -decrypt -evp aes-256-xts 2>/dev/null | awk 'tolower(\$1) == \"aes-256-xts\" {sub(/k\$/, \"\", \$NF); print \$NF / 1000 > \"$work/openssl.txt\"}'"
)
raw=$work/extract-luks-raw.tsv
printf 'id\tlabel\tround\tvalue\texit\n' > "$raw"
n=${#configs[@]}
for ((round = 1; round <= rounds; round++)); do
    for ((k = 0; k < n; k++)); do
        IFS='|' read -r id label cmd <<< "${configs[$(((k + round - 1) % n))]}"
        rm -f "$out" "$out.map" "$work/openssl.txt"
        sync
        echo 3 > /proc/sys/vm/drop_caches
        start=$(date +%s.%N)
        status=0
        bash -c "$cmd" >> "$work/run.log" 2>&1 || status=$?
        end=$(date +%s.%N)
        value=$(echo "$end - $start" | bc)
        if [[ $id == openssl-* ]]; then
            value=$(cat "$work/openssl.txt" 2>/dev/null || echo 0)
        elif [ "$status" = 0 ] && [ "$(stat -c %s "$out")" != "$bytes" ]; then
            echo "  $id: wrote $(stat -c %s "$out") bytes, not $bytes" >&2
            status=97
        fi
        [ "$status" != 0 ] && { echo "  $id failed with status $status:" >&2; sed 's/^/    /' "$work/run.log" >&2; }
        printf '%s\t%s\t%d\t%s\t%d\n' "$id" "$label" "$round" "$value" "$status" >> "$raw"
        printf 'round %d  %-12s %10.2f\n' "$round" "$id" "$value"
        : > "$work/run.log"
    done
done

results=$work/extract-luks-results.md
{
    echo "# Encrypted volume extraction: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- $bytes payload bytes of random ciphertext per volume; output on $(findmnt -no FSTYPE -T "$work")"
    echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), AES-NI: $(grep -qw aes /proc/cpuinfo && echo yes || echo no)"
    echo "- tools: $(java -version 2>&1 | head -1), $(openssl version), $(cryptsetup --version)"
    echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg); $rounds interleaved rounds, page cache dropped before every run"
    echo "- qrescue commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
    echo
    echo "| configuration | runs | median s | MB/s | × dd of the same bytes |"
    echo "|---|---:|---:|---:|---:|"
    awk -F'\t' -v bytes="$bytes" -f bench/scripts/median-table.awk "$raw" | sort -t'|' -k2,2
    echo
    echo "## All runs (in round order)"
    echo
    awk -F'\t' 'NR > 1 { r[$1] = r[$1] " " $4 (($5 == 0) ? "" : "(failed)") } END { for (id in r) print "- " id ":" r[id] }' "$raw" | sort
} > "$results"
echo "results: $results"
cat "$results"
