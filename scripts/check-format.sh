#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that every C++ file under engine/ and tests/ is formatted as .clang-format says (clang-format
# from Debian 12; scripts/setup.sh installs it). Prints each difference and exits 1 when there is
# any; `--fix` formats the files in place instead.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format not found: run scripts/setup.sh" >&2; exit 2; }
# The files are git's list: outside a git checkout (an unpacked source tarball) there is nothing to check.
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "check-format: not a git checkout, skipped"; exit 77; }
mapfile -t files < <(git ls-files -- 'engine/*.cpp' 'engine/*.h' 'engine/*.hpp' 'tests/*.cpp' 'tests/*.h' 'tests/*.hpp')
if [[ "${1:-}" == "--fix" ]]; then
  clang-format -i --style=file "${files[@]}"
  exit 0
fi
clang-format --dry-run -Werror --style=file "${files[@]}"
echo "check-format: ${#files[@]} files as .clang-format says"
