#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# with-xvfb.sh [-s WxHxD] COMMAND...: runs COMMAND on a private Xvfb whose display number the server
# picks itself (-displayfd), so tests running in parallel never race for one as `xvfb-run -a` does.
# -noreset: a test that closes its last window (GLFW terminated) and opens the next must find the server
# up, not resetting (seen: "Failed to open display" under load).
screen=1280x1024x24
if [ "${1:-}" = "-s" ]; then
  screen=$2
  shift 2
fi
dir=$(mktemp -d) || exit 1
mkfifo "$dir/display" || exit 1
Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp -noreset 3>"$dir/display" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$dir"' EXIT
read -r number <"$dir/display"  # the server writes its number once it accepts clients
if [ -z "$number" ]; then
  echo "with-xvfb.sh: Xvfb did not start (Debian: apt install xvfb)" >&2
  exit 1
fi
DISPLAY=":$number" "$@"
