// SPDX-License-Identifier: GPL-3.0-or-later
// Characters as glTF 2.0 (binary .glb) through tinygltf: generated figures are written so they can be
// inspected in any glTF viewer, and a real model named in the cast file is loaded in their place.
#pragma once
#include <overum/avatar/avatar_model.h>

#include <filesystem>
#include <optional>
#include <string>

namespace overum::avatar {

void writeGlb(const AvatarModel& model, const std::filesystem::path& path);  // throws overum::Error

struct LoadResult {
  std::optional<AvatarModel> model;
  std::string error;  // names the file and what is wrong; the caller falls back to a generated figure
};
LoadResult loadGltf(const std::filesystem::path& path);  // .glb or .gltf

}  // namespace overum::avatar
