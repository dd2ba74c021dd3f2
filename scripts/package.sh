#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Øverum's Debian package into build/: overum_<version>_amd64.deb (set-up and build first).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
cmake --build build --target overum_package_files
(cd build && cpack -G DEB)
ls build/overum_*_amd64.deb
