#!/usr/bin/env bash
# Brings a Debian 12 machine to the point where Likeness builds, tests and runs:
# the Debian packages in build-aux/debian-packages.txt, the npm model package
# (checksum-pinned, kept in a cache folder outside the source tree) and a
# configured meson build folder.  Every step is skipped when already done, so
# `make run` and `make test` can call this every time.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(dirname "$here")"
build="${1:-$top/build}"
cache="${LIKENESS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/likeness}"

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# --- Debian packages --------------------------------------------------------
missing=()
while read -r pkg; do
  case "$pkg" in ''|'#'*) continue ;; esac
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done < "$here/debian-packages.txt"
# npm comes with some Node.js builds; install Debian's only when there is none.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]} — run as root, or install them with: sudo apt-get install ${missing[*]}"
  say "installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed; check the network connection to the Debian mirror"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install failed for: ${missing[*]}"
fi

# dlib's convolutions run on BLAS; the reference BLAS is ~19x slower than OpenBLAS.
blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
case "$blas" in
  *openblas*) ;;
  *) say "warning: libblas.so.3 is $blas, not OpenBLAS; descriptors will be slow (update-alternatives --config libblas.so.3-x86_64-linux-gnu)" ;;
esac

# --- the npm model package ---------------------------------------------------
"$here/fetch-model-package.sh" "$cache"

# --- meson --------------------------------------------------------------------
pkgdir="$cache/face-api-1.7.15/package"
if [ ! -f "$build/build.ninja" ]; then
  say "configuring $build"
  meson setup "$build" "$top" -Dmodel_package_dir="$pkgdir" >&2 \
    || die "meson setup failed (see the messages above)"
fi

# --- the landmark model (Debian's libdlib-data), pinned ----------------------
landmarks=/usr/share/dlib/shape_predictor_68_face_landmarks.dat
landmarks_sha=fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f
stamp="$cache/landmarks.verified"
if [ ! -f "$stamp" ] || [ "$landmarks" -nt "$stamp" ]; then
  [ -f "$landmarks" ] || die "$landmarks is missing; reinstall libdlib-data"
  got="$(sha256sum "$landmarks" | cut -d' ' -f1)"
  [ "$got" = "$landmarks_sha" ] || die "$landmarks has SHA-256 $got, expected $landmarks_sha; reinstall libdlib-data"
  touch "$stamp"
fi
