# qrescue boot job (runs inside the appliance): assemble md read-only, activate every LV (snapshots too), mount
# each filesystem read-only without journal replay, copy the files onto the output disk as one tar.
# Optional input: restore/VG.vg, metadata text to restore before activation (see below).
# Every outcome goes to $QRES/report as "KIND NAME ok|failed MESSAGE" lines; the job's exit code stays 0 when it
# could run at all, the host decides from the report. Set by the host in front of this text: STEP_SECONDS.
R=$QRES/report
: > "$R"
say() { echo "$*" >> "$R"; echo "@@ $*"; }
oneline() { tr '\n' ' ' < "$1" | sed 's/  */ /g; s/ $//'; }
T="timeout $STEP_SECONDS"
DATA=$(ls /dev/by-serial/ | grep -v -e '^QJOB$' -e '^QRES$' -e '^QOUT$')
for d in $DATA; do say "disk $d ok $(readlink -f /dev/by-serial/$d)"; done
# md: assemble every array found on the data disks, degraded ones included, read-only
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
cat /proc/mdstat
# metadata the host put in restore/VG.vg (a stock-lvm form of a VG stock lvm refuses, e.g. QNAP's
# tier-thin-pool): restore it with the md arrays read-write; every write lands in qemu's throw-away overlay
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
# LVM: scan, then activate each LV on its own so one failure does not hide the others
$T lvm vgscan > /tmp/vgscan 2>&1
$T lvm lvs -a --noheadings --separator '|' -o vg_name,lv_name,lv_attr,segtype > /tmp/lvs 2>/tmp/lvs.err
if [ ! -s /tmp/lvs ]; then
  say "vg - failed $(oneline /tmp/lvs.err) $(oneline /tmp/vgscan)"
fi
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
# mount: every active LV; a plain md device without LVM on it as well
: >> /tmp/active
for md in $(ls -d /sys/block/md* 2>/dev/null); do
  n=${md##*/}
  lvm pvs --noheadings -o pv_name 2>/dev/null | grep -q "/dev/$n\$" || echo "md $n" >> /tmp/active
done
mounted=0
while read -r vg lv; do
  dev=/dev/$vg/$lv; [ "$vg" = md ] && dev=/dev/$lv
  dir=/x/data/$vg/$lv
  mkdir -p "$dir"
  if $T mount -o ro,noload "$dev" "$dir" > /tmp/mnt 2>&1 || $T mount -o ro "$dev" "$dir" > /tmp/mnt2 2>&1; then
    say "mount $vg/$lv ok $(grep " $dir " /proc/mounts | cut -d' ' -f3)"
    mounted=$((mounted+1))
  else
    say "mount $vg/$lv failed $(oneline /tmp/mnt)"
    rmdir "$dir"
  fi
done < /tmp/active
if [ "$mounted" -gt 0 ]; then
  (cd /x/data && find . -type f | sort | while read -r f; do sha256sum "$f"; done) > "$QRES/guest.sha256"
  if tar -cf "$QOUT" -C /x/data . 2>/tmp/tar.err; then
    say "copy - ok $mounted filesystems"
  else
    say "copy - failed $(oneline /tmp/tar.err)"
  fi
  umount /x/data/*/* 2>/dev/null
fi
lvm vgchange -an > /dev/null 2>&1
mdadm --stop --scan > /dev/null 2>&1
sync
exit 0
