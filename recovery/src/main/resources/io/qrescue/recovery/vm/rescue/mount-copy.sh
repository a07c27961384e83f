# qrescue boot job, last part: mount each "VG LV DEVICE" of /tmp/active read-only without journal replay at
# /x/data/VG/LV, hash every file, and copy the files onto the output disk as one tar. A file whose reading
# fails (an I/O error: a sector the host could not read) is listed in $QRES/unreadable, one path a line, and
# stands in the tar as an empty file the host removes; a listing error is reported too, never skipped silently.
mounted=0
while read -r vg lv dev; do
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
  : > "$QRES/guest.sha256"
  : > "$QRES/unreadable"
  : > /tmp/empty
  (cd /x/data && find . -type f 2>/tmp/find.err | sort) > /tmp/files
  [ -s /tmp/find.err ] && say "list - failed $(oneline /tmp/find.err)"
  while IFS= read -r f; do
    if (cd /x/data && sha256sum "$f") >> "$QRES/guest.sha256" 2>/tmp/sum.err; then
      :
    else
      echo "${f#./}" >> "$QRES/unreadable"
      mount -o bind /tmp/empty "/x/data/$f"
    fi
  done < /tmp/files
  bad=$(wc -l < "$QRES/unreadable")
  [ "$bad" -gt 0 ] && say "read - failed $bad file(s) gave I/O errors: $(head -n 3 "$QRES/unreadable" | tr '\n' ' ')"
  if tar -cf "$QOUT" -C /x/data . 2>/tmp/tar.err; then
    say "copy - ok $mounted filesystems"
  else
    say "copy - failed $(oneline /tmp/tar.err)"
  fi
  while IFS= read -r f; do umount "/x/data/$f"; done < "$QRES/unreadable"
  umount /x/data/*/* 2>/dev/null
fi
lvm vgchange -an > /dev/null 2>&1
mdadm --stop --scan > /dev/null 2>&1
sync
exit 0
