#!/usr/bin/env bash
# Runs the whole test suite through meson and ends with one line:
#   N passed, N failed[, N skipped]
# counted over the TAP subtests of every test program.  Starts Xvfb when there
# is no display, so the UI tests always run real widgets.
set -uo pipefail
build="${1:?usage: run-tests.sh BUILD_DIR [meson test args]}"
shift

xvfb_pid=""
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; }
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  for n in $(seq 90 120); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
    export DISPLAY=":$n"
    break
  done
fi

meson test -C "$build" --print-errorlogs "$@"
status=$?
python3 "$(dirname "$0")/count-tests.py" "$build/meson-logs/testlog.json" || status=1
exit $status
