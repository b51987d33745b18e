#!/usr/bin/env bash
# Runs the built workstation from the build folder (used by `make run`).
# Usage: build-aux/run-app.sh [BUILD_DIR] [likeness arguments...]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
shift || true
case "$build" in
  /*) ;;
  *) build="$here/$build" ;;
esac

app="$build/app/gui/likeness"
if [ ! -x "$app" ]; then
  echo "likeness: $app is not built; run 'make build' first." >&2
  exit 1
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "likeness: the workstation needs a graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2
  echo "Run it from a desktop session, or start a virtual display first, e.g.:" >&2
  echo "  Xvfb :77 -screen 0 1600x1000x24 & DISPLAY=:77 make run" >&2
  exit 2
fi

# The schema is compiled into the build folder; no installation needed.
export GSETTINGS_SCHEMA_DIR="$build/app/gui${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec "$app" "$@"
