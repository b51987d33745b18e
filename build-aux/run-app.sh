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

# Without a session bus dconf cannot store anything (the analyst's name,
# recent cases, preferences would be forgotten on every start): keep the
# settings in GLib's key file (~/.config/glib-2.0/settings/keyfile) instead.
if [ -z "${GSETTINGS_BACKEND:-}" ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] \
   && [ ! -S "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ] && ! command -v dbus-launch >/dev/null 2>&1; then
  export GSETTINGS_BACKEND=keyfile
fi

# The schema is compiled into the build folder; no installation needed.
export GSETTINGS_SCHEMA_DIR="$build/app/gui${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
# The translations are compiled into the build folder too (po/LANG/LC_MESSAGES).
export LIKENESS_LOCALEDIR="${LIKENESS_LOCALEDIR:-$build/po}"
exec "$app" "$@"
