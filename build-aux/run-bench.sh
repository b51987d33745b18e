#!/usr/bin/env bash
# Runs every benchmark (meson benchmark() targets) and shows their output.
# Benchmarks measure; they do not pass or fail on timing.  Figures go into the
# README by hand, with the machine they were measured on.
set -uo pipefail
build="${1:?usage: run-bench.sh BUILD_DIR}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "BLAS: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
meson test -C "$build" --benchmark --verbose --timeout-multiplier 4 "$@"
