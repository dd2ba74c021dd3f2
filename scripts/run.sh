#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One command: install what is missing, build, and start Øverum on the default meeting.
# Headset if an OpenXR runtime has one, else a desktop window, else a short headless render to PNG.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec build/engine/app/overum "$@"
