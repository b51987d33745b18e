#!/usr/bin/env bash
# Fetches npm @vladmandic/face-api@1.7.15 into CACHE/face-api-1.7.15 and checks
# the tarball and the two descriptor-weight files against pinned SHA-256 sums.
# Nothing here is needed at run time: the build converts the weights into
# dlib's own model file.
set -euo pipefail
cache="$1"
dest="$cache/face-api-1.7.15"
tgz_sha=0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031
manifest_sha=cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b
bin_sha=b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

check() { # file sha
  local got
  got="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$got" = "$2" ] || die "checksum mismatch for $1: expected $2, got $got. Delete $dest and run again; if it persists, the registry served different files than the pinned release."
}

if [ -f "$dest/.verified" ]; then
  exit 0
fi
mkdir -p "$dest"
tgz="$dest/vladmandic-face-api-1.7.15.tgz"
if [ ! -f "$tgz" ]; then
  say "downloading @vladmandic/face-api@1.7.15 from the npm registry"
  (cd "$dest" && npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null) \
    || die "npm could not fetch @vladmandic/face-api@1.7.15; check the network and npm's registry setting"
fi
check "$tgz" "$tgz_sha"
rm -rf "$dest/package"
tar -xzf "$tgz" -C "$dest" || die "could not unpack $tgz"
check "$dest/package/model/face_recognition_model-weights_manifest.json" "$manifest_sha"
check "$dest/package/model/face_recognition_model.bin" "$bin_sha"
touch "$dest/.verified"
say "model package ready in $dest"
