#!/bin/bash
# Regenerates the committed test volumes: `qrescue appliance make-volume` for each variant (inside the
# appliance VM, TCG), then gzip -9n of each image and the oracle files next to it.
# Usage: make-fixtures.sh [VARIANT...]     (QRESCUE=path/to/qrescue to use another launcher,
#                                            CACHE=dir for another appliance cache)
# QNAP-like disks (md10-single ...) are 96 MiB GPT disks (md12-raid6: 64 MiB); the small md test arrays (md-*)
# are whole-disk members of a few MiB.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../.." && pwd)
qrescue=${QRESCUE:-$root/qrescue}
cache=()
[ -n "${CACHE:-}" ] && cache=(--cache "$CACHE")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
all="md10-single md12-single md10-raid1 md10-tier md10-raid5 md12-raid6 md10-luks
  md-linear-1.2 md-raid0-1.0 md-raid0-zones-1.2 md-raid1-3copies-1.1 md-raid4-1.2
  md-raid5-la-1.2 md-raid5-ra-1.1 md-raid5-ls-0.90 md-raid5-rs-1.0 md-raid5-p0-1.2 md-raid5-pn-1.2 md-raid5-stale-1.2
  md-raid6-ls-1.2 md-raid6-la-1.0 md-raid6-ra-0.90 md-raid6-rs-1.1 md-raid6-p0-1.2 md-raid6-pn-1.2
  md-raid6-ddf-zr-1.2 md-raid6-ddf-nr-1.2 md-raid6-ddf-nc-1.2 md-raid6-ls6-1.2 md-raid6-ra6-1.0 md-raid6-p06-1.2
  md-raid6-stale-1.2
  md-raid10-n2-1.2 md-raid10-n2-odd-1.0 md-raid10-f2-1.2 md-raid10-o2-1.1 md-raid10-n3-1.2 md-raid10-f3-0.90"
for variant in ${@:-$all}; do
  case $variant in
    md-*) size=() ;;
    md12-raid6) size=(--size 64) ;;
    *) size=(--size 96) ;;
  esac
  "$qrescue" appliance make-volume "$tmp/$variant.img" --variant "$variant" "${size[@]}" --seed 1 --accel tcg \
    "${cache[@]}"
  rm -rf "${here:?}/$variant"
  mkdir -p "$here/$variant"
  if [ -e "$tmp/$variant-b.img" ]; then
    gzip -9n -c "$tmp/$variant.img" > "$here/$variant/member-a.img.gz"
    for m in b c d e f g h; do
      if [ -e "$tmp/$variant-$m.img" ]; then gzip -9n -c "$tmp/$variant-$m.img" > "$here/$variant/member-$m.img.gz"; fi
    done
  else
    gzip -9n -c "$tmp/$variant.img" > "$here/$variant/disk.img.gz"
  fi
  rm -f "$tmp/$variant"*.img
  mv "$tmp/$variant.img.oracle" "$here/$variant/oracle"
  chmod 644 "$here/$variant/oracle/"*
done
