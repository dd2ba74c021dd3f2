#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the package as a facilitator would (apt resolves its dependencies), uses it from an empty
# folder with a fresh HOME, removes it, and checks nothing of it is left; lintian errors fail.
# Needs root (CI runs as root). Usage: scripts/check-package.sh [build/overum_…_amd64.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(realpath "${1:-$(ls build/overum_*_amd64.deb | head -n1)}")
export DEBIAN_FRONTEND=noninteractive

echo "check-package: lintian $deb"
lintian --tag-display-limit 0 --fail-on error "$deb" 2>&1 | grep -v 'running with root privileges' || true
lintian --fail-on error "$deb" >/dev/null 2>&1 || { echo "check-package: lintian reports errors" >&2; exit 1; }

apt-get install -y -qq "$deb" >/dev/null
files=$(dpkg -L overum | while read -r f; do [ -f "$f" ] && echo "$f"; done)
trap 'apt-get purge -y -qq overum >/dev/null 2>&1 || true' EXIT

work=$(mktemp -d)
home="$work/home"
mkdir -p "$home" "$work/run"
cd "$work/run"
run() { env -i HOME="$home" PATH=/usr/bin:/bin XR_RUNTIME_JSON=/nonexistent "$@"; }
run /usr/bin/overum --version
# Every shipped meeting (a folder with a cast; rooms/ holds the rooms' layouts, which the check reads with them).
for meeting in /usr/share/overum/scenarios/*/cast.json; do run /usr/bin/overum check "$(dirname "$meeting")"; done
run /usr/bin/overum help data >/dev/null
run /usr/bin/overum --mode headless --size 160x90 --frames 120 --capture-every 60 --capture "$work/run/billeder"
ls "$work/run/billeder"/*.png >/dev/null
run /usr/bin/overum --size 160x90 >/dev/null 2>&1  # the no-display fallback: pictures in ~/Billeder/Øverum
ls "$home/Billeder/Øverum"/*.png >/dev/null
[ -z "$(ls -A "$work/run" | grep -v billeder)" ] || { echo "check-package: files left in the working folder" >&2; ls -A "$work/run"; exit 1; }
man -l /usr/share/man/man1/overum.1.gz >/dev/null 2>&1 || zcat /usr/share/man/man1/overum.1.gz | grep -q "EXIT STATUS"
appstreamcli validate --no-net /usr/share/metainfo/dk.overum.Overum.metainfo.xml >/dev/null
desktop-file-validate /usr/share/applications/overum.desktop /usr/share/applications/overum-facilitator.desktop

apt-get purge -y -qq overum >/dev/null
trap - EXIT
left=""
for f in $files; do [ -e "$f" ] && left="$left $f"; done
[ -z "$left" ] || { echo "check-package: left after removal:$left" >&2; exit 1; }
rm -rf "$work"
echo "check-package: installed, used, removed cleanly ($(echo "$files" | wc -l) files)"
