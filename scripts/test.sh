#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One command: install what is missing, build, and run the whole test suite through CTest; then a
# brief libFuzzer run (clang) of each reader: scenarios, cast.json, the statement and glTF models
# (about a minute in all).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --preset dev "$@"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target scenario_fuzzer cast_fuzzer room_fuzzer statement_fuzzer gltf_fuzzer vault_fuzzer
ctest --preset fuzz
