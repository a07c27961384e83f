#!/bin/bash
# Regenerates the committed test volumes: `qrescue appliance make-volume` for each variant (inside the
# appliance VM, TCG), then gzip -9n of each image and the oracle files next to it.
# Usage: make-fixtures.sh [VARIANT...]     (QRESCUE=path/to/qrescue to use another launcher)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../.." && pwd)
qrescue=${QRESCUE:-$root/qrescue}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for v in "${@:-md10-single md12-single md10-raid1 md10-tier md10-raid5 md10-luks}"; do
  for variant in $v; do
    "$qrescue" appliance make-volume "$tmp/$variant.img" --variant "$variant" --size 96 --seed 1 --accel tcg
    rm -rf "${here:?}/$variant"
    mkdir -p "$here/$variant"
    if [ -e "$tmp/$variant-b.img" ]; then
      gzip -9n -c "$tmp/$variant.img" > "$here/$variant/member-a.img.gz"
      for m in b c; do
        if [ -e "$tmp/$variant-$m.img" ]; then gzip -9n -c "$tmp/$variant-$m.img" > "$here/$variant/member-$m.img.gz"; fi
      done
    else
      gzip -9n -c "$tmp/$variant.img" > "$here/$variant/disk.img.gz"
    fi
    mv "$tmp/$variant.img.oracle" "$here/$variant/oracle"
    chmod 644 "$here/$variant/oracle/"*
  done
done
