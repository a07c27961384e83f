# qrescue shell fragment (runs inside the appliance, in front of a job's own steps): assemble md read-only,
# restore host-supplied metadata (restore/VG.vg) into the overlay, activate every LV (snapshots too) on its own.
# Leaves "VG LV" lines of the active LVs in /tmp/active; every outcome goes to $QRES/report as
# "KIND NAME ok|failed MESSAGE" and the functions say/oneline and $T stay defined for the job's own steps.
# Set by the host in front of this text: STEP_SECONDS.
R=$QRES/report
: > "$R"
say() { echo "$*" >> "$R"; echo "@@ $*"; }
oneline() { tr '\n' ' ' < "$1" | sed 's/  */ /g; s/ $//'; }
T="timeout $STEP_SECONDS"
DATA=$(ls /dev/by-serial/ | grep -v -e '^QJOB$' -e '^QRES$' -e '^QOUT$')
for d in $DATA; do say "disk $d ok $(readlink -f /dev/by-serial/$d)"; done
$T mdadm --examine --scan > /tmp/md-scan 2>/tmp/md-scan.err
if [ ! -s /tmp/md-scan ]; then
  say "md - failed no md superblock on any disk"
else
  $T mdadm --assemble --scan --run --readonly > /tmp/md-asm 2>&1
  cat /tmp/md-asm
  for md in $(ls -d /sys/block/md* 2>/dev/null); do
    n=${md##*/}
    say "md /dev/$n ok $(cat $md/md/level 2>/dev/null) $(cat $md/md/array_state 2>/dev/null) degraded=$(cat $md/md/degraded 2>/dev/null)"
  done
  ls -d /sys/block/md* >/dev/null 2>&1 || say "md - failed $(oneline /tmp/md-asm)"
fi
# stock-lvm metadata from the host (e.g. QNAP's tier-thin-pool rewritten): restored with md read-write, so the
# write lands in qemu's throw-away overlay, never in an image
if ls restore/*.vg > /dev/null 2>&1; then
  for md in $(ls -d /sys/block/md* 2>/dev/null); do mdadm --readwrite "/dev/${md##*/}" > /dev/null 2>&1; done
  for f in restore/*.vg; do
    vg=$(basename "$f" .vg)
    if $T lvm vgcfgrestore --force -f "$f" "$vg" > /tmp/restore 2>&1; then
      say "restore $vg ok metadata from the host written into the overlay (the image stays unchanged)"
    else
      say "restore $vg failed $(oneline /tmp/restore)"
    fi
  done
fi
$T lvm vgscan > /tmp/vgscan 2>&1
$T lvm lvs -a --noheadings --separator '|' -o vg_name,lv_name,lv_attr,segtype > /tmp/lvs 2>/tmp/lvs.err
if [ ! -s /tmp/lvs ]; then
  say "vg - failed $(oneline /tmp/lvs.err) $(oneline /tmp/vgscan)"
fi
: > /tmp/active
tr -d ' ' < /tmp/lvs | while IFS='|' read -r vg lv attr seg; do
  case $lv in \[*) continue;; esac               # hidden parts: [tp1_tmeta], [tp1_tdata], [lvol0_pmspare]
  case $seg in thin-pool|tier-thin-pool|cache-pool) continue;; esac
  if $T lvm lvchange -ay -K "$vg/$lv" > /tmp/act 2>&1; then
    say "lv $vg/$lv ok $seg"
    echo "$vg $lv" >> /tmp/active
  else
    say "lv $vg/$lv failed $(oneline /tmp/act)"
  fi
done
