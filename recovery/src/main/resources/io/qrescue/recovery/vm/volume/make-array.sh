# qrescue make-volume job for a small md test array (runs inside the appliance). Set by the host in front of
# this text: LEVEL LAYOUT CHUNK_KIB METADATA MEMBERS STALE BITMAP LV1_KIB LV2_KIB EXTENT_KIB REWRITE_OFFSET_KIB.
# Disks VOLA, VOLB, ... are the whole members, in role order; inputs lv1.bin, lv2.bin and rewrite.bin.
set -e
O=$QRES/oracle
mkdir -p "$O"
step() { echo "== $*"; }
DEVS=
i=0
for L in A B C D E F G H; do
  [ $i -lt "$MEMBERS" ] || break
  [ -e /dev/by-serial/VOL$L ] || { echo "no disk VOL$L"; exit 10; }
  DEVS="$DEVS $(readlink -f /dev/by-serial/VOL$L)"
  i=$((i + 1))
done
OPTS="--level=$LEVEL --raid-devices=$MEMBERS --metadata=$METADATA"
[ -n "$LAYOUT" ] && OPTS="$OPTS --layout=$LAYOUT"
[ "$CHUNK_KIB" != 0 ] && OPTS="$OPTS --chunk=$CHUNK_KIB"
[ "$BITMAP" = 1 ] && OPTS="$OPTS --bitmap=internal"
# members start as zeros: parity and copies of zeros are zeros, so no resync is needed (and none runs under TCG)
case "$LEVEL" in linear|0) ;; *) OPTS="$OPTS --assume-clean";; esac
step "md0: $OPTS on$DEVS"
mdadm --create /dev/md0 --run $OPTS --name=0 --homehost='<none>' $DEVS
cat /proc/mdstat
step "LVM: vg1 with lv1 on the first extents, lv2 on the last"
lvm pvcreate -y /dev/md0
lvm vgcreate -s "${EXTENT_KIB}K" vg1 /dev/md0
PE=$(lvm pvs --noheadings -o pv_pe_count /dev/md0 | tr -d ' ')
N1=$((LV1_KIB / EXTENT_KIB))
N2=$((LV2_KIB / EXTENT_KIB))
lvm lvcreate -y -L "${LV1_KIB}K" -n lv1 vg1 "/dev/md0:0-$((N1 - 1))"
lvm lvcreate -y -L "${LV2_KIB}K" -n lv2 vg1 "/dev/md0:$((PE - N2))-$((PE - 1))"
dd if=lv1.bin of=/dev/vg1/lv1 bs=64k conv=fsync
dd if=lv2.bin of=/dev/vg1/lv2 bs=64k conv=fsync
sync
if [ "$STALE" -ge 0 ]; then
  S=$(echo $DEVS | cut -d' ' -f$((STALE + 1)))
  step "role $STALE ($S) failed and removed, then part of lv1 written again"
  mdadm /dev/md0 --fail "$S"
  mdadm /dev/md0 --remove "$S"
  dd if=rewrite.bin of=/dev/vg1/lv1 bs=64k seek=$((REWRITE_OFFSET_KIB / 64)) conv=notrunc,fsync
  sync
fi
step "oracle: the kernel's view of every volume"
for lv in lv1 lv2; do
  echo "$(sha256sum < /dev/vg1/$lv | cut -d' ' -f1) $(blockdev --getsize64 /dev/vg1/$lv)" > "$O/kernel-$lv.txt"
done
mdadm --detail /dev/md0 > "$O/mdadm-detail.txt"
cat /proc/mdstat > "$O/mdstat.txt"
lvm pvs --reportformat json -o pv_name,pe_start,pv_pe_count,pv_size > "$O/pvs.json"
lvm lvs -a --segments --reportformat json -o lv_name,seg_start_pe,seg_size_pe,seg_pe_ranges > "$O/lvs-segments.json"
lvm vgchange -an vg1
mdadm --stop /dev/md0
sync
i=0
for D in $DEVS; do
  l=$(echo abcdefgh | cut -c$((i + 1)))
  mdadm --examine "$D" > "$O/mdadm-examine-member-$l.txt"
  i=$((i + 1))
done
step "done"
