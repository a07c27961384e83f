# qrescue boot job, first part for volumes the host serves over NBD (runs after job-start.sh): each line of
# volumes.txt is "SERIAL VG LV"; the disk with that serial holds the volume's bytes directly (the host read md,
# LVM and the thin pool itself), and a sector the host could not read answers with an I/O error.
while read -r serial vg lv; do
  dev=$(readlink -f "/dev/by-serial/$serial")
  if [ -b "$dev" ]; then
    say "volume $vg/$lv ok $dev served by the host"
    echo "$vg $lv $dev" >> /tmp/active
  else
    say "volume $vg/$lv failed no disk with serial $serial"
  fi
done < volumes.txt
