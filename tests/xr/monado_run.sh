#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The headset path on a real OpenXR runtime (issue #14): runs `overum --mode xr` against the Monado
# fixture (null compositor, simulated HMD, lavapipe) with Vulkan validation and OpenXR core
# validation, and checks the run: FOCUSED reached, frames submitted, no validation message, a clean
# shutdown, exit 0. Prints the figures (frames against the runtime's rate, worst frame).
#
#   monado_run.sh FIXTURE_DIR OVERUM MIN_FRAMES [OVERUM ARGS...]
#
# Exit 77 (CTest SKIP_RETURN_CODE) when FIXTURE_DIR holds no fixture. Everything the run writes (the
# service's runtime dir, the app's XDG dirs and working directory, the logs) goes to a private temp
# dir that is removed afterwards: nothing lands in the fixture, which CI mounts read-only.
# Environment: OVERUM_MONADO_EXPECT=LINE[|LINE...] lines the app's log must also hold (extended
# regexes, e.g. the interaction profile bound with SIMULATED_LEFT/RIGHT=simple, which pass through);
# OVERUM_MONADO_KEEP=DIR copies the logs to DIR; OVERUM_MONADO_KILL_SERVICE_AFTER=S kills
# monado-service S seconds after FOCUSED, with a citizen's journal open, and then checks that the
# meeting paused, the journal stays resumable and the app still exits 0 with no validation message;
# OVERUM_MONADO_REPLAY=1 first keeps a citizen's meeting (a headless run) and then replays it in the headset
# (--replay last, with the OVERUM ARGS, e.g. --seat sagsbehandler).
set -u
if [ $# -lt 3 ]; then
  echo "usage: $0 FIXTURE_DIR OVERUM MIN_FRAMES [OVERUM ARGS...]" >&2
  exit 2
fi
fixture=$1 overum=$2 minFrames=$3
shift 3
if [ ! -x "$fixture/run-with-monado.sh" ] || [ ! -x "$fixture/bin/monado-service" ]; then
  echo "SKIPPED: no Monado fixture at $fixture (CI provides it as ../shared/tools/openxr-monado)"
  exit 77
fi
if ! ls /usr/share/openxr/1/api_layers/explicit.d/XrApiLayer_core_validation*.json >/dev/null 2>&1; then
  echo "FAIL: the OpenXR core validation layer is missing: install openxr-layer-corevalidation (scripts/setup.sh)"
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/overum-monado.XXXXXX") || exit 1
keep() { [ -n "${OVERUM_MONADO_KEEP:-}" ] && mkdir -p "$OVERUM_MONADO_KEEP" && cp "$work"/*.txt "$OVERUM_MONADO_KEEP"/ 2>/dev/null; }
trap 'keep; rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/run"
export TMPDIR=$work  # run-with-monado.sh makes the service's private XDG_RUNTIME_DIR in here
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data
export XDG_STATE_HOME=$work/home/state XDG_CACHE_HOME=$work/home/cache
export XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation
export XR_CORE_VALIDATION_EXPORT_TYPE=text XR_CORE_VALIDATION_FILE_NAME=$work/xr-validation.txt
export RUNAPP_SERVICE_LOG=$work/monado-service.txt
unset DISPLAY WAYLAND_DISPLAY  # a headset run, not a window: the fixture has no display either

overum=$(readlink -f "$overum")
killAfter=${OVERUM_MONADO_KILL_SERVICE_AFTER:-}
citizen=()
if [ -n "$killAfter" ]; then
  echo "monado-run-kode" >"$work/kode.txt"
  # --rate: the citizen's answers to how they feel before the meeting, which starts after them.
  citizen=(--citizen monado-test --consent notes --passphrase-file "$work/kode.txt" --rate 4,6)
fi
if [ -n "${OVERUM_MONADO_REPLAY:-}" ]; then
  echo "monado-run-kode" >"$work/kode.txt"
  if ! (cd "$work/run" && "$overum" --mode headless --size 160x90 --choose 1,1,1,1,1,1,1,1,1 --citizen monado-replay \
    --consent notes --passphrase-file "$work/kode.txt" --rate 4,6) >"$work/kept.txt" 2>&1; then
    cat "$work/kept.txt"
    echo "FAIL: the meeting to replay could not be kept"
    exit 1
  fi
  citizen=(--replay last --citizen monado-replay --passphrase-file "$work/kode.txt")
fi
start=$(date +%s.%N)
(cd "$work/run" && exec "$fixture/run-with-monado.sh" "$overum" --mode xr --frames "$minFrames" --validation \
  "${citizen[@]}" "$@") >"$work/overum.txt" 2>&1 &
harness=$!
if [ -n "$killAfter" ]; then
  for ((i = 0; i < 1200; i++)); do
    grep -q "^xr: session state FOCUSED" "$work/overum.txt" && break
    kill -0 "$harness" 2>/dev/null || break
    sleep 0.5
  done
  sleep "$killAfter"
  # The service is the harness's child; only that process, by its id.
  service=$(ps -o pid= -o comm= --ppid "$harness" | awk '$2 == "monado-service" { print $1 }')
  if [ -n "$service" ]; then
    echo "monado_run.sh: killing monado-service ($service) mid-meeting"
    kill -KILL "$service"
  fi
fi
wait "$harness"
rc=$?
seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
touch "$work/xr-validation.txt"
cat "$work/overum.txt"

failures=()
[ "$rc" -eq 0 ] || failures+=("exit status $rc (125: the runtime did not start)")
grep -q "^app: \(Headset fundet\|Headset found\)" "$work/overum.txt" || failures+=("the app did not run on the headset")
grep -q "^xr: session state FOCUSED" "$work/overum.txt" || failures+=("the session never reached FOCUSED")
vulkanMessages=$(grep -c "^vulkan: .*validation:" "$work/overum.txt")
xrMessages=$(grep -c "VALID_ERROR\|VALID_WARNING" "$work/xr-validation.txt")
# Monado reports a call it refuses on stderr as "XR_ERROR_...: xrCall(...)".
runtimeErrors=$(grep -c "^XR_ERROR_[A-Z_]*: xr" "$work/overum.txt")
[ "$vulkanMessages" -eq 0 ] || failures+=("$vulkanMessages Vulkan validation message(s)")
[ "$runtimeErrors" -eq 0 ] || failures+=("$runtimeErrors call(s) the runtime refused: $(grep -m3 '^XR_ERROR_' "$work/overum.txt" | tr '\n' ' ')")
[ "$xrMessages" -eq 0 ] || failures+=("$xrMessages OpenXR core validation message(s): $(grep -m3 'VALID_' "$work/xr-validation.txt" | tr '\n' ' ')")
# The headset's report when its session ends: only a clean shutdown gets that far.
pace=$(grep -o "^xr: [0-9]* frames ended.*" "$work/overum.txt" | tail -n 1)
ended=$(echo "$pace" | sed -n 's/^xr: \([0-9]*\) frames ended.*/\1/p')
if [ -n "$killAfter" ]; then  # how many frames ran before the kill depends on the machine's load
  grep -q "^app: warning: the headset was lost: the meeting is paused and can be resumed" "$work/overum.txt" ||
    failures+=("the lost headset did not pause the meeting with its journal kept")
  grep -q "^meeting: paused" "$work/overum.txt" || failures+=("the meeting did not pause")
  (cd "$work/run" && "$overum" data --passphrase-file "$work/kode.txt" list) 2>&1 | grep -q interrupted ||
    failures+=("'overum data list' shows no interrupted session to resume")
elif [ -z "$ended" ]; then
  failures+=("no frame report from the headset: the session did not end cleanly")
elif [ "$ended" -lt $((minFrames * 9 / 10)) ]; then
  failures+=("only $ended frames reached the runtime")
fi
if [ -n "${OVERUM_MONADO_EXPECT:-}" ]; then
  IFS='|' read -r -a expected <<<"$OVERUM_MONADO_EXPECT"
  for line in "${expected[@]}"; do
    grep -Eq "^$line" "$work/overum.txt" || failures+=("no log line '$line'")
  done
fi
errors=$(grep -E "^[a-z]+: error:" "$work/overum.txt" | grep -v "validation:" | head -n 3)
[ -z "$errors" ] || failures+=("errors in the log: $errors")

echo "---- Monado run: $minFrames app frames in ${seconds} s; ${pace#xr: }"
echo "---- validation messages: Vulkan $vulkanMessages, OpenXR core validation $xrMessages, refused by the runtime $runtimeErrors"
if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAIL: %s\n' "${failures[@]}"
  echo "---- last lines of the monado-service log:"
  tail -n 20 "$work/monado-service.txt" 2>/dev/null
  exit 1
fi
echo "PASS"
