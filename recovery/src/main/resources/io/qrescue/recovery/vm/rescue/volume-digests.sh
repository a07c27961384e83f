# qrescue volume-digests job, last part (runs inside the appliance after job-start.sh and boot-rescue.sh): for
# every LV boot-rescue.sh activated (its "VG LV DEVICE" lines in /tmp/active; plain md devices are left out),
# its size and the sha256 of all its bytes and of each CHUNK_BYTES chunk, read from /dev/VG/LV, in
# $QRES/digests as lines
#   chunk-bytes N
#   lv VG/LV SIZE_BYTES SHA256
#   chunk VG/LV OFFSET_BYTES SHA256        (one per chunk, in offset order, after its lv line)
# A read error leaves the volume out and says so in the report. Set by the host: CHUNK_BYTES.
D=$QRES/digests
echo "chunk-bytes $CHUNK_BYTES" > "$D"
while read -r vg lv dev; do
  [ "$dev" = "/dev/$vg/$lv" ] || continue        # "md N /dev/N": an md device without LVM, not an LV
  if ! size=$(blockdev --getsize64 "$dev" 2>/tmp/bd); then
    say "digest $vg/$lv failed $(oneline /tmp/bd)"
    continue
  fi
  if ! $T sha256sum "$dev" > /tmp/whole 2>/tmp/whole.err; then
    say "digest $vg/$lv failed $(oneline /tmp/whole.err)"
    continue
  fi
  # chunks go to a file first: a short or failed read must not pass as the digest of fewer bytes
  : > /tmp/chunks
  n=$(( (size + CHUNK_BYTES - 1) / CHUNK_BYTES ))
  i=0
  bad=
  while [ $i -lt $n ]; do
    rm -f /tmp/chunk
    if ! dd if="$dev" of=/tmp/chunk bs=$CHUNK_BYTES skip=$i count=1 2>/tmp/dd.err; then
      bad="chunk $((i * CHUNK_BYTES)): $(oneline /tmp/dd.err)"
      break
    fi
    want=$CHUNK_BYTES
    [ $((size - i * CHUNK_BYTES)) -lt $want ] && want=$((size - i * CHUNK_BYTES))
    got=$(stat -c %s /tmp/chunk)
    if [ "$got" != "$want" ]; then
      bad="chunk $((i * CHUNK_BYTES)): read $got bytes of $want"
      break
    fi
    echo "chunk $vg/$lv $((i * CHUNK_BYTES)) $(sha256sum < /tmp/chunk | cut -d' ' -f1)" >> /tmp/chunks
    i=$((i + 1))
  done
  if [ -n "$bad" ]; then
    say "digest $vg/$lv failed $bad"
    continue
  fi
  echo "lv $vg/$lv $size $(cut -d' ' -f1 /tmp/whole)" >> "$D"
  cat /tmp/chunks >> "$D"
  say "digest $vg/$lv ok $size bytes, $n chunks"
done < /tmp/active
lvm vgchange -an > /dev/null 2>&1
mdadm --stop --scan > /dev/null 2>&1
sync
exit 0
