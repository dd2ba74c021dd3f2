#!/usr/bin/env bash
# One command: install what is missing, build, and run the whole test suite through CTest; then a
# brief libFuzzer run of the scenario parser and compiler (clang), as the fuzz target asks for.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --preset dev "$@"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target scenario_fuzzer vault_fuzzer
ctest --preset fuzz
