# qrescue boot job, first part (runs inside the appliance after job-start.sh): assemble md read-only, activate
# every LV (snapshots too) and list each as "VG LV DEVICE" in /tmp/active for mount-copy.sh.
# Optional input: restore/VG.vg, metadata text to restore before activation (see below).
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
    echo "$vg $lv /dev/$vg/$lv" >> /tmp/active
  else
    say "lv $vg/$lv failed $(oneline /tmp/act)"
  fi
done
# a plain md device without LVM on it is mounted as well
for md in $(ls -d /sys/block/md* 2>/dev/null); do
  n=${md##*/}
  lvm pvs --noheadings -o pv_name 2>/dev/null | grep -q "/dev/$n\$" || echo "md $n /dev/$n" >> /tmp/active
done
