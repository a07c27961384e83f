# qrescue make-volume job (runs inside the appliance). Set by the host in front of this text:
#   MD_METADATA (1.0|1.2)  MD_LEVEL (1|5|6)  MEMBERS (1 to 6)  POOL_MIB  LV1_MIB  LV2_MIB
# Disks: VOLA (VOLB ... VOLF) carry a GPT written by the host; the data array goes on partition 3.
set -e
O=$QRES/oracle
mkdir -p "$O"
step() { echo "== $*"; }
PARTS=
for L in A B C D E F; do
  [ -e /dev/by-serial/VOL$L ] || continue
  D=$(readlink -f /dev/by-serial/VOL$L)
  [ -b "${D}3" ] || { echo "no partition 3 on $D (GPT not seen by the kernel)"; exit 10; }
  PARTS="$PARTS ${D}3"
done
A=$(readlink -f /dev/by-serial/VOLA)
if [ "$MD_LEVEL" = 1 ]; then
  SLOTS=2
  [ "$MEMBERS" = 1 ] && PARTS="$PARTS missing"
else
  SLOTS=$MEMBERS
fi
step "md1: RAID$MD_LEVEL, metadata $MD_METADATA, members$PARTS"
# --assume-clean: every member starts as zeros (RAID5 parity of zeros is zeros), so no resync is needed (and
# none runs under TCG)
mdadm --create /dev/md1 --run --level="$MD_LEVEL" --raid-devices="$SLOTS" --metadata="$MD_METADATA" --name=1 \
  --homehost='<none>' --assume-clean $PARTS
step "LVM: PV, vg1, thin pool tp1, thin lv1 and lv2"
lvm pvcreate -y /dev/md1
lvm vgcreate -s 4M vg1 /dev/md1
lvm lvcreate -y --type thin-pool -L "${POOL_MIB}M" --poolmetadatasize 4M -c 64K -n tp1 vg1
lvm lvcreate -y -V "${LV1_MIB}M" --thinpool vg1/tp1 -n lv1
lvm lvcreate -y -V "${LV2_MIB}M" --thinpool vg1/tp1 -n lv2
step "ext4 on lv1 and lv2, files"
mkfs.ext4 -q -L DataVol1 -E nodiscard /dev/vg1/lv1
mkfs.ext4 -q -L DataVol2 -E nodiscard /dev/vg1/lv2
mkdir -p /x/lv1 /x/lv2
mount -t ext4 /dev/vg1/lv1 /x/lv1
mount -t ext4 /dev/vg1/lv2 /x/lv2
cp -a payload/lv1/. /x/lv1/
cp -a payload/lv2/. /x/lv2/
sync
step "thin snapshot snap10001 of lv1, then one more file in lv1"
lvm lvcreate -y -s vg1/lv1 -n snap10001
cp after-snapshot.txt /x/lv1/after-snapshot.txt
sync
for lv in lv1 lv2; do
  (cd /x/$lv && find . -type f | sort | while read -r f; do sha256sum "$f"; done) > "$O/guest-$lv.sha256"
done
umount /x/lv1 /x/lv2
step "oracle: what the real tools say"
mdadm --detail /dev/md1 > "$O/mdadm-detail-md1.txt"
lvm pvs --reportformat json -o all > "$O/pvs.json"
lvm vgs --reportformat json -o all > "$O/vgs.json"
lvm lvs -a --reportformat json -o all > "$O/lvs.json"
lvm lvs -a --segments --reportformat json -o lv_name,segtype,seg_start,seg_start_pe,seg_size,seg_size_pe,seg_pe_ranges,devices,chunk_size,thin_id,transaction_id,pool_lv,origin,data_lv,metadata_lv,lv_attr > "$O/lvs-segments.json"
lvm vgcfgbackup -f "$O/vgcfgbackup-vg1.txt" vg1
lvm lvchange -ay -K vg1/snap10001
for lv in lv1 lv2 snap10001; do dumpe2fs -h /dev/vg1/$lv > "$O/dumpe2fs-$lv.txt" 2>/dev/null; done
lvm vgchange -an vg1
# the pool's metadata as thin_dump sees it: activate the hidden tmeta component alone (read-only)
lvm lvchange -ay -y vg1/tp1_tmeta
thin_dump /dev/vg1/tp1_tmeta > "$O/thin_dump-tp1.xml"
lvm lvchange -an vg1/tp1_tmeta
mdadm --stop /dev/md1
sync
# the members as they stay on disk (after the stop: clean, final event count)
for L in A B C D E F; do
  [ -e /dev/by-serial/VOL$L ] || continue
  l=$(echo $L | tr ABCDEF abcdef)
  mdadm --examine "$(readlink -f /dev/by-serial/VOL$L)3" > "$O/mdadm-examine-member-$l.txt"
done
step "done"
