#!/bin/bash
# md array read throughput: the whole array read through qrescue's MdArraySource (healthy, one member missing,
# and for RAID6 two missing: rebuilt from parity on the fly) against dd reading the member images, page cache
# dropped before every run. Not a test; never run by CI. Needs root (drop_caches) and a built bench jar
# (mvn -q -B -DskipTests -pl bench -am package).
#
# Usage: bench/scripts/array-read.sh [MEMBER_MIB] [WORKDIR]      (from the repository root)
#   MEMBER_MIB  size of each member (default 512); LEVEL=5 MEMBERS=4 (or LEVEL=6 MEMBERS=6)
#   WORKDIR     default: a new directory under /var/tmp (must be on a real disk, not tmpfs)
# Environment: ROUNDS=3 interleaved rounds.
# Output: WORKDIR/array-read-results.md (medians, MB/s of array bytes, ratio to dd's MB/s), WORKDIR/array-raw.tsv.
set -euo pipefail
mib=${1:-512}
work=${2:-$(mktemp -d /var/tmp/qrescue-array.XXXXXX)}
level=${LEVEL:-5}
members=${MEMBERS:-4}
rounds=${ROUNDS:-3}
jar=$PWD/bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "$jar missing: mvn -q -B -DskipTests -pl bench -am package" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "must run as root (drop_caches)" >&2; exit 1; }
mkdir -p "$work"
data=$work/raid$level-$members-$mib
if [ ! -f "$data/member-$((members - 1)).img" ]; then
  echo "writing $members members of $mib MiB (RAID$level, random data and parity) to $data"
  java -cp "$jar" io.qrescue.bench.harness.ArrayReadTiming make "$data" "$level" "$members" "$mib"
fi
drop() { sync; echo 3 > /proc/sys/vm/drop_caches; }
raw=$work/array-raw.tsv
: > "$raw"
configs="dd healthy missing1"
[ "$level" = 6 ] && configs="$configs missing2"
for ((r = 1; r <= rounds; r++)); do
  for c in $configs; do
    drop
    case $c in
      dd)
        start=$(date +%s.%N)
        for ((m = 0; m < members; m++)); do dd if="$data/member-$m.img" of=/dev/null bs=1M status=none; done
        end=$(date +%s.%N)
        bytes=$((mib * 1048576 * members))
        secs=$(echo "$end - $start" | bc -l) ;;
      healthy) read -r bytes secs _ < <(java -cp "$jar" io.qrescue.bench.harness.ArrayReadTiming read "$data" "$level" "$members") ;;
      missing1) read -r bytes secs _ < <(java -cp "$jar" io.qrescue.bench.harness.ArrayReadTiming read "$data" "$level" "$members" 1) ;;
      missing2) read -r bytes secs _ < <(java -cp "$jar" io.qrescue.bench.harness.ArrayReadTiming read "$data" "$level" "$members" 1 2) ;;
    esac
    printf '%s\t%s\t%s\t%s\n' "$r" "$c" "$bytes" "$secs" >> "$raw"
    printf 'round %s %-9s %s bytes in %s s\n' "$r" "$c" "$bytes" "$secs"
  done
done
out=$work/array-read-results.md
{
  echo "# md RAID$level read, $members members of $mib MiB ($(date -u +%F), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| configuration | median s | MB/s | × dd MB/s |"
  echo "|---|---:|---:|---:|"
  ddmbs=$(awk -F'\t' '$2=="dd"{print $3/$4/1e6}' "$raw" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  for c in $configs; do
    med=$(awk -F'\t' -v c="$c" '$2==c{print $4}' "$raw" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
    bytes=$(awk -F'\t' -v c="$c" '$2==c{print $3; exit}' "$raw")
    mbs=$(echo "$bytes / $med / 1000000" | bc -l)
    printf '| %s | %.2f | %.0f | %.2f |\n' "$c" "$med" "$mbs" "$(echo "$mbs / $ddmbs" | bc -l)"
  done
  echo
  echo "dd reads every member image (all bytes); the array rows deliver the array's bytes (data only), read in"
  echo "1 MiB pieces by one thread, the missing members' data rebuilt from parity; times exclude JVM start-up."
} > "$out"
cat "$out"
