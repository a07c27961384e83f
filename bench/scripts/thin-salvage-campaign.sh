#!/bin/sh
# The thin-metadata salvage campaign: thin pools made with real lvm2 and dm-thin in the recovery appliance, with
# churn (snapshots, writes after them, removals, blkdiscard, fstrim), then per damage class many trials that zero
# 1..32 metadata blocks of a copy, scoring thin_dump --repair, thin_repair (thin-provisioning-tools on the host) and
# qrescue's salvage against the intact thin_dump, mapping by mapping
# (io.qrescue.bench.harness.ThinChurnPools, io.qrescue.bench.harness.ThinSalvageCampaign).
#
# Usage: bench/scripts/thin-salvage-campaign.sh [WORKDIR [POOLS [TRIALS [SEED]]]]   (from the repository root, after
#        mvn -B -ntp -pl mapfile,imager,recovery,bench package -DskipTests; needs qemu, the host kernel for the
#        appliance, and thin-provisioning-tools)
set -eu

jar=bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "$jar missing: build it first (see the usage line)" >&2; exit 1; }
for t in thin_dump thin_repair; do
    command -v "$t" >/dev/null || { echo "$t not found (Debian package thin-provisioning-tools)" >&2; exit 1; }
done
work=${1:-$(mktemp -d /tmp/qrescue-thin-salvage.XXXXXX)}
pools=${2:-12}
trials=${3:-10}
seed=${4:-1}
mkdir -p "$work"
if ! ls "$work"/pool*.tmeta >/dev/null 2>&1; then
    java -cp "$jar" io.qrescue.bench.harness.ThinChurnPools "$work" "$pools" "$seed" 2>"$work/churn.log"
fi
java -cp "$jar" io.qrescue.bench.harness.ThinSalvageCampaign "$work" "$trials" "$seed" | tee "$work/campaign.md"
