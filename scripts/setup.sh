#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Øverum builds, runs and tests with. Idempotent: does nothing
# when everything is present. Works as root, uses sudo otherwise.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config clang libclang-rt-14-dev clang-format
  libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers glslc spirv-tools
  libopenxr-dev libopenxr-loader1 openxr-layer-corevalidation libudev1 procps
  libglfw3-dev libglm-dev libimgui-dev libstb-dev libtinygltf-dev nlohmann-json3-dev
  libopenal-dev libopenal1 libespeak-ng-dev espeak-ng-data libsodium-dev nettle-dev libsndfile1-dev
  libkainjow-mustache-dev libaubio-dev libebur128-dev libwebrtc-audio-processing-dev sox
  libcli11-dev catch2 xvfb xauth xdotool fonts-dejavu-core nodejs chromium
  help2man librsvg2-bin dpkg-dev lintian desktop-file-utils appstream
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
