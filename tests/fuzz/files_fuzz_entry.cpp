// SPDX-License-Identifier: GPL-3.0-or-later
// The fuzz bodies: every input either loads, meeting the documented rules, or is refused with a
// message naming the file and a line inside it; nothing half-loads.
#include "files_fuzz_entry.h"

#include <overum/avatar/gltf_io.h>
#include <overum/core/utf8.h>
#include <overum/scenario/meeting_vocabulary.h>
#include <overum/scene/cast.h>
#include <overum/session/statement.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>

namespace overum::fuzz {
namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

std::string text(const std::uint8_t* data, std::size_t size) { return {reinterpret_cast<const char*>(data), size}; }

// "<file>:<line>: …" with the line inside the text.
void requireAtLine(const std::string& message, const std::string& file, const std::string& text) {
  const auto lines = std::size_t(std::count(text.begin(), text.end(), '\n')) + 1;
  require(message.starts_with(file + ":"));
  const std::size_t line = std::strtoul(message.c_str() + file.size() + 1, nullptr, 10);
  require(line >= 1 && line <= lines);
}

}  // namespace

int runCast(const std::uint8_t* data, std::size_t size) {
  const std::string json = text(data, size);
  const scene::CastLoad r = scene::parseCast(json, "cast.json", "moede");
  require(r.cast.has_value() == r.error.empty());
  for (const std::string& message : r.warnings) require(message.starts_with("cast.json:"));
  if (!r.cast) {
    requireAtLine(r.error, "cast.json", json);
    return 0;
  }
  const scene::MeetingCast& cast = *r.cast;
  require(cast.meeting == "moede");
  require(!cast.characters.empty() && cast.characters.size() <= 4);
  std::set<int> seats;
  for (const scene::CastMember& c : cast.characters) {
    require(c.seat >= 0 && c.seat <= 3 && seats.insert(c.seat).second);
    require(c.optional == (c.seat == 3));
    require(c.appearance.age >= 25 && c.appearance.age <= 75);
    require(c.name.find(':') == std::string::npos && !c.id.empty());
  }
  return 0;
}

int runRoom(const std::uint8_t* data, std::size_t size) {
  const std::string json = text(data, size);
  const scene::RoomLayoutLoad r = scene::parseRoomLayout(json, "rooms/stue.json");
  require(r.layout.has_value() == r.error.empty());
  for (const std::string& message : r.warnings) requireAtLine(message, "rooms/stue.json", json);
  if (!r.layout) {
    requireAtLine(r.error, "rooms/stue.json", json);
    return 0;
  }
  const scene::RoomLayout& room = *r.layout;
  require(room.kind == "stue");
  require(room.materials.size() >= scene::kRequiredRoomMaterials.size());
  for (std::size_t i = 0; i < scene::kRequiredRoomMaterials.size(); ++i)
    require(room.materials[i].name == scene::kRequiredRoomMaterials[i]);
  for (const scene::RoomPiece& piece : room.pieces) {
    require(piece.material < room.materials.size());
    require(piece.count >= 1);
    require(piece.shape != "lathe" || piece.profile.size() >= 2);
  }
  require(room.floorMax.x - room.floorMin.x >= 2.0f && room.floorMax.y - room.floorMin.y >= 2.0f);
  return 0;
}

int runStatement(const std::uint8_t* data, std::size_t size) {
  const session::StatementParseResult r = session::parseStatement(text(data, size));
  for (const session::StatementIssue& issue : r.issues) require(!issue.message.empty() && issue.line >= 0);
  if (!r.statement) {
    require(std::any_of(r.issues.begin(), r.issues.end(), [](const auto& i) { return i.isError; }));
    return 0;
  }
  for (const std::string& part : r.statement->parts) require(utf8Length(part) <= scenario::kMaxSpokenCharacters);
  // What Øverum writes back reads the same (the vault keeps the statement in this form).
  const session::StatementParseResult again = session::parseStatement(session::formatStatement(*r.statement));
  require(again.statement && again.statement->name == r.statement->name &&
          again.statement->parts == r.statement->parts);
  return 0;
}

int runGltf(const std::uint8_t* data, std::size_t size) {
  // loadGltf reads a file: one folder per process, the file rewritten for every input.
  struct Scratch {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("overum-gltf-fuzz-" + std::to_string(::getpid()));
    Scratch() { std::filesystem::create_directories(path); }
    ~Scratch() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const Scratch scratch;
  const std::filesystem::path& dir = scratch.path;
  const bool binary = size > 0 && data[0] == 'g';  // .glb files start with "glTF"
  const std::filesystem::path file = dir / (binary ? "model.glb" : "model.gltf");
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), std::streamsize(size));
  const avatar::LoadResult r = avatar::loadGltf(file);
  require(r.model.has_value() == r.error.empty());
  if (r.model) {
    require(r.model->indices.size() % 3 == 0);
    for (const std::uint32_t i : r.model->indices) require(i < r.model->vertices.size());
    for (const avatar::AvatarVertex& v : r.model->vertices) {
      require(v.joint < std::max<std::size_t>(1, r.model->joints.size()));
      require(v.blendJoint < std::max<std::size_t>(1, r.model->joints.size()));
      require(v.blend >= 0.0f && v.blend <= 1.0f);  // also false for NaN
    }
  } else {
    require(r.error.find(file.string()) != std::string::npos);
  }
  return 0;
}

}  // namespace overum::fuzz
