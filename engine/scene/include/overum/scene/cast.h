// SPDX-License-Identifier: GPL-3.0-or-later
// A meeting's cast and room, read from the cast.json beside its .yarn files: who is present, their
// seats, looks and voices. Every mistake is reported with the file, the field and what to write.
#pragma once
#include <overum/avatar/appearance.h>
#include <overum/scene/room_layout.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace overum::scene {

struct VoiceDescription {
  std::string variant = "f1";  // espeak-ng variant: m1..m7, f1..f5; default f1
  int pitch = 50;              // 0..99; default 50
  int rate = 160;              // words per minute, 80..450; default 160
};

struct CastMember {
  std::string id;    // "sagsbehandler": ASCII; scenarios address characters by it
  std::string name;  // "Mette": shown in captions and used as the speaker in lines
  std::string role;  // "Sagsbehandler"
  int seat = 0;  // 0 straight across the table, 1 across-left, 2 across-right, 3 the table's right end (the bisidder)
  bool optional = false;  // present only when the facilitator turns them on (a bisidder)
  avatar::Appearance appearance;
  VoiceDescription voice;
  std::filesystem::path model;  // optional glTF 2.0 in place of the generated figure (absolute once loaded)
};

struct MeetingCast {
  std::string meeting;                             // "myndighedsmoede"
  std::string title;                               // "Møde på jobcentret"
  std::string start = "Start";                     // the first node
  int startLine = 0;                               // where cast.json names it (for "no node named …"); 0 = not named
  std::string roomKind = "jobcenter_moedelokale";  // names scenarios/rooms/<roomKind>.json
  std::string roomDescription;
  RoomLayout room;                        // that file, read by loadCast (parseCast leaves it empty)
  std::vector<std::string> difficulties;  // e.g. stoettende, neutral, presset
  std::vector<CastMember> characters;
};

struct CastLoad {
  std::optional<MeetingCast> cast;
  std::string error;                  // set when cast is empty: "<file>:<line>: <field>: <what to do>"
  std::vector<std::string> warnings;  // unknown fields and the like; the cast still loads
};

// The one cast.json reader: the app and `overum check` both use it, so they never disagree. Its
// "meeting" must be the folder's name; the room's layout is read from <folder>/../rooms/<kind>.json,
// else from the shipped scenarios/rooms/<kind>.json (an organisation's meetings may use either).
CastLoad loadCast(const std::filesystem::path& file);
// `folder`: the meeting folder's name, which "meeting" must equal; "" = not checked.
CastLoad parseCast(const std::string& json, const std::string& fileName, std::string_view folder = {});

}  // namespace overum::scene
