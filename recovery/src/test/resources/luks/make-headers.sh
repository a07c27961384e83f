#!/bin/bash
# Regenerates the LUKS header fixtures with the host's real cryptsetup (luksFormat and luksAddKey work on a plain
# file; no device-mapper needed): each NAME.img.gz is the volume's first bytes up to its payload, NAME.key.txt
# the master key as `cryptsetup luksDump --dump-volume-key` prints it (the oracle), NAME.dump.txt the luksDump.
# Passphrases (test secrets, not real ones) are listed in README.md. Low KDF costs keep the tests fast. cryptsetup
# fills the areas of disabled LUKS1 key slots with random bytes; they are zeroed here (never read, and zeros
# compress); LUKS2 key slot areas are sized to the slots made.
# Usage: make-headers.sh           (needs cryptsetup 2.x and openssl)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
qnap() { printf '%s' "$(openssl passwd -1 -salt YCCaQNAP "$1")"; }
fast1="--pbkdf-force-iterations 1000"
argon="--pbkdf argon2id --pbkdf-force-iterations 4 --pbkdf-memory 8192 --pbkdf-parallel 1"
be32() { od --endian=big -An -tu4 -j"$2" -N4 "$1" | tr -d ' '; }
zero_disabled_luks1_slots() { # IMG
  local keybytes i at off stripes len
  keybytes=$(be32 "$1" 108)
  for i in 0 1 2 3 4 5 6 7; do
    at=$((208 + 48 * i))
    if [ "$(be32 "$1" "$at")" = 11301363 ]; then continue; fi   # 0x00AC71F3: active
    off=$(be32 "$1" $((at + 40)))
    stripes=$(be32 "$1" $((at + 44)))
    len=$(( (keybytes * stripes + 511) / 512 ))
    dd if=/dev/zero of="$1" bs=512 seek="$off" count="$len" conv=notrunc status=none
  done
}
make() { # NAME PASSPHRASE-FILE SECOND-PASSPHRASE-FILE|- LUKSFORMAT-OPTIONS...
  local name=$1 key=$2 second=$3; shift 3
  local img=$tmp/$name.img
  truncate -s 8M "$img"
  cryptsetup luksFormat -q "$@" "$img" "$key"
  if [ "$second" != - ]; then
    cryptsetup luksAddKey -q --pbkdf pbkdf2 $fast1 --key-file "$key" "$img" "$second"
  fi
  if [ "$(od --endian=big -An -tu2 -j6 -N2 "$img" | tr -d ' ')" = 1 ]; then zero_disabled_luks1_slots "$img"; fi
  local off
  off=$(cryptsetup luksDump "$img" | awk '/^Payload offset:/ {print $3 * 512} /^\toffset:/ && !done {print $2; done=1}' | head -1)
  cryptsetup luksDump "$img" | grep -v -E '^(UUID|\s*Salt|\s*Digest|MK (digest|salt))' > "$here/$name.dump.txt" || true
  cryptsetup luksDump --dump-volume-key -q --key-file "$key" "$img" | sed -n '/^MK dump:/,$p' \
    | sed 's/^MK dump://' | tr -d ' \t\n' > "$here/$name.key.txt"
  echo >> "$here/$name.key.txt"
  truncate -s "$off" "$img"
  gzip -9n -c "$img" > "$here/$name.img.gz"
  echo "$name: payload at $off, $(stat -c %s "$here/$name.img.gz") bytes gzipped"
}
qnap 'Rescue-2026!' > "$tmp/qnap"
qnap 'Rescue-2026!-Lon' > "$tmp/qnap16"
printf 'second passphrase' > "$tmp/second"
printf 'luks2 passphrase' > "$tmp/luks2"
make luks1-cbc-plain-sha1 "$tmp/qnap" "$tmp/qnap" --type luks1 -c aes-cbc-plain -s 256 -h sha1 $fast1
make luks1-cbc-essiv-sha256 "$tmp/qnap16" - --type luks1 -c aes-cbc-essiv:sha256 -s 256 -h sha256 $fast1
make luks1-cbc-plain64-sha512 "$tmp/second" - --type luks1 -c aes-cbc-plain64 -s 128 -h sha512 $fast1
make luks1-xts-plain64-sha256 "$tmp/second" - --type luks1 -c aes-xts-plain64 -s 512 -h sha256 $fast1
make luks2-xts-argon2id "$tmp/luks2" "$tmp/second" --type luks2 -c aes-xts-plain64 -s 512 $argon \
  --luks2-metadata-size 16k --luks2-keyslots-size 512k --offset 1088
make luks2-cbc-essiv-argon2i-4k "$tmp/luks2" - --type luks2 -c aes-cbc-essiv:sha256 -s 192 \
  --pbkdf argon2i --pbkdf-force-iterations 4 --pbkdf-memory 8192 --pbkdf-parallel 2 --sector-size 4096 \
  --luks2-metadata-size 16k --luks2-keyslots-size 96k --offset 256
make luks2-xts-pbkdf2-sha256 "$tmp/luks2" - --type luks2 -c aes-xts-plain64 -s 256 --pbkdf pbkdf2 -h sha256 $fast1 \
  --luks2-metadata-size 16k --luks2-keyslots-size 128k --offset 320
