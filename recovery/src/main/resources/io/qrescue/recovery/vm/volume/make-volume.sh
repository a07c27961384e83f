# qrescue make-volume job (runs inside the appliance). Set by the host in front of this text:
#   MD_METADATA (1.0|1.2)  MD_LEVEL (1|5|6)  MEMBERS (1 to 6)  POOL_MIB  LV1_MIB  LV2_MIB
#   LUKS (0|1): 1 encrypts the thin volumes as luks/volumes lists them ("LV SIZE_MIB LUKSFORMAT-OPTIONS...", key
#   file luks/LV.key; lv1 gets a second key slot with the same key), ext4 goes on /dev/mapper/ce_LV, and the
#   oracle gets the sha256 of every decrypted volume as dm-crypt shows it.
# Disks: VOLA (VOLB ... VOLF) carry a GPT written by the host; the data array goes on partition 3.
set -e
O=$QRES/oracle
mkdir -p "$O"
step() { echo "== $*"; }
LUKS=${LUKS:-0}
LVS="lv1 lv2"
MKFS_OPTS=
MOUNT_OPTS=
# the device ext4 goes on: the LV, or its dm-crypt mapping
dev() { if [ "$LUKS" = 1 ]; then echo "/dev/mapper/ce_$1"; else echo "/dev/vg1/$1"; fi; }
# sha256 of a whole device, then of each 1 MiB chunk
digest() { # NAME DEVICE
  echo "$1 $(blockdev --getsize64 "$2") $(sha256sum < "$2" | cut -d' ' -f1)" >> "$O/luks-digests.txt"
  n=$(( ($(blockdev --getsize64 "$2") + 1048575) / 1048576 )); i=0
  while [ $i -lt $n ]; do
    echo "$1 $((i * 1048576)) $(dd if="$2" bs=1048576 skip=$i count=1 2>/dev/null | sha256sum | cut -d' ' -f1)" \
      >> "$O/luks-chunks.txt"
    i=$((i + 1))
  done
}
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
if [ "$LUKS" = 1 ]; then
  step "LUKS on the thin volumes (cryptsetup $(cryptsetup --version | cut -d' ' -f2))"
  export DM_DISABLE_UDEV=1
  mkdir -p /run/cryptsetup
  LVS=
  while read -r lv mib opts; do
    LVS="$LVS $lv"
    [ -e "/dev/vg1/$lv" ] || lvm lvcreate -y -V "${mib}M" --thinpool vg1/tp1 -n "$lv"
    cryptsetup luksFormat -q $opts "/dev/vg1/$lv" "luks/$lv.key"
    if [ "$lv" = lv1 ]; then
      cryptsetup luksAddKey -q --pbkdf-force-iterations 1000 --key-file luks/lv1.key /dev/vg1/lv1 luks/lv1.key
    fi
    cryptsetup open --key-file "luks/$lv.key" "/dev/vg1/$lv" "ce_$lv"
    cryptsetup luksDump "/dev/vg1/$lv" > "$O/luksdump-$lv.txt"
  done < luks/volumes
  # small file systems: 4 KiB blocks (lv4 has 4 KiB encryption sectors), few inodes, no journal, and no lazy
  # inode-table zeroing after mount: every block written becomes random ciphertext in the fixture
  MKFS_OPTS="-b 4096 -N 256 -O ^has_journal"
  MOUNT_OPTS="-o noinit_itable"
fi
step "ext4 on$LVS, files"
for lv in $LVS; do mkfs.ext4 -q -L "DataVol${lv#lv}" -E nodiscard $MKFS_OPTS "$(dev $lv)"; done
for lv in $LVS; do mkdir -p /x/$lv; done
for lv in $LVS; do mount -t ext4 $MOUNT_OPTS "$(dev $lv)" /x/$lv; done
# lv3 and lv4 (LUKS only) get lv2's files
for lv in $LVS; do if [ "$lv" = lv1 ]; then cp -a payload/lv1/. /x/lv1/; else cp -a payload/lv2/. /x/$lv/; fi; done
sync
step "thin snapshot snap10001 of lv1, then one more file in lv1"
lvm lvcreate -y -s vg1/lv1 -n snap10001
cp after-snapshot.txt /x/lv1/after-snapshot.txt
sync
for lv in $LVS; do
  (cd /x/$lv && find . -type f | sort | while read -r f; do sha256sum "$f"; done) > "$O/guest-$lv.sha256"
  umount /x/$lv
done
step "oracle: what the real tools say"
mdadm --detail /dev/md1 > "$O/mdadm-detail-md1.txt"
lvm pvs --reportformat json -o all > "$O/pvs.json"
lvm vgs --reportformat json -o all > "$O/vgs.json"
lvm lvs -a --reportformat json -o all > "$O/lvs.json"
lvm lvs -a --segments --reportformat json -o lv_name,segtype,seg_start,seg_start_pe,seg_size,seg_size_pe,seg_pe_ranges,devices,chunk_size,thin_id,transaction_id,pool_lv,origin,data_lv,metadata_lv,lv_attr > "$O/lvs-segments.json"
lvm vgcfgbackup -f "$O/vgcfgbackup-vg1.txt" vg1
lvm lvchange -ay -K vg1/snap10001
if [ "$LUKS" = 1 ]; then
  cryptsetup open --readonly --key-file luks/lv1.key /dev/vg1/snap10001 ce_snap10001
  for lv in $LVS snap10001; do digest "vg1/$lv" "$(dev $lv)"; done
fi
for lv in $LVS snap10001; do dumpe2fs -h "$(dev $lv)" > "$O/dumpe2fs-$lv.txt" 2>/dev/null; done
if [ "$LUKS" = 1 ]; then
  for lv in $LVS snap10001; do cryptsetup close "ce_$lv"; done
fi
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
