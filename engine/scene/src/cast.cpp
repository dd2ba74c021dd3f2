// SPDX-License-Identifier: GPL-3.0-or-later
// cast.json reading with nlohmann-json, and of the room layout it names (scenarios/rooms/<kind>.json).
// Values are checked against the documented vocabulary (scenarios/README-cast.md, README-rooms.md); a
// wrong value names the field and lists what is allowed.
#include <overum/core/files.h>
#include <overum/core/format.h>
#include <overum/core/xdg_paths.h>
#include <overum/scene/cast.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <glm/glm.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace overum::scene {
namespace {

using nlohmann::json;

struct CastError {
  std::string field;    // "characters[1].seat"
  std::string message;  // "characters[1].seat: seat 0 is already taken; …"
};

const std::vector<std::string> kDifficulties{"stoettende", "neutral", "presset"};

std::string joinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// Reads one object's fields, remembering which were used so unknown ones can be warned about.
class Fields {
 public:
  Fields(const json& object, std::string path, std::vector<std::string>& warnings)
      : object_(object), path_(std::move(path)), warnings_(warnings) {
    if (!object.is_object()) fail(path_, "must be an object { … }");
  }
  ~Fields() = default;

  [[noreturn]] static void fail(const std::string& field, const std::string& what) {
    throw CastError{field, format("{}: {}", field, what)};
  }
  std::string field(const char* name) const { return path_.empty() ? name : path_ + "." + name; }

  const json* find(const char* name) {
    used_.insert(name);
    const auto it = object_.find(name);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  std::string text(const char* name, bool required, std::string fallback = {}) {
    const json* value = find(name);
    if (!value) {
      if (required) fail(field(name), "is missing; add it as text in quotes");
      return fallback;
    }
    if (!value->is_string()) fail(field(name), "must be text in quotes");
    return value->get<std::string>();
  }
  std::string oneOf(const char* name, const std::vector<std::string>& allowed, std::string fallback) {
    std::string value = text(name, false, fallback);
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
      fail(field(name), format("\"{}\" is not one of: {}", value, joinWords(allowed)));
    return value;
  }
  // A list of words such as ["briller", "halskaede"], each one of `allowed`, none twice.
  std::vector<std::string> wordsFrom(const char* name, const std::vector<std::string>& allowed) {
    const json* value = find(name);
    if (!value) return {};
    const auto mustBe = [&] { return format("must be a list of words in quotes from: {}", joinWords(allowed)); };
    if (!value->is_array()) fail(field(name), mustBe());
    std::vector<std::string> words;
    for (const json& word : *value) {
      if (!word.is_string()) fail(field(name), mustBe());
      const std::string w = word.get<std::string>();
      if (std::find(allowed.begin(), allowed.end(), w) == allowed.end())
        fail(field(name), format("\"{}\" is not one of: {}", w, joinWords(allowed)));
      if (std::find(words.begin(), words.end(), w) != words.end())
        fail(field(name), format("\"{}\" is there twice", w));
      words.push_back(w);
    }
    return words;
  }
  int number(const char* name, int lo, int hi, int fallback) {
    const json* value = find(name);
    if (!value) return fallback;
    if (!value->is_number_integer()) fail(field(name), format("must be a whole number from {} to {}", lo, hi));
    const auto n = value->get<long long>();
    if (n < lo || n > hi) fail(field(name), format("{} is outside {}..{}", n, lo, hi));
    return int(n);
  }
  double real(const char* name, double lo, double hi, double fallback) {
    const json* value = find(name);
    if (!value) return fallback;
    if (!value->is_number()) fail(field(name), format("must be a number from {} to {}", lo, hi));
    const double n = value->get<double>();
    if (n < lo || n > hi) fail(field(name), format("{} is outside {}..{}", n, lo, hi));
    return n;
  }
  // A list of N numbers such as [0.5, 0.74, -1.2], each within lo..hi.
  template <int N>
  glm::vec<N, float> numbers(const char* name, float lo, float hi, glm::vec<N, float> fallback, bool required = false) {
    const json* value = find(name);
    if (!value) {
      if (required) fail(field(name), format("is missing; add it as a list of {} numbers", N));
      return fallback;
    }
    return numbersIn(*value, field(name), lo, hi, fallback);
  }
  template <int N>
  static glm::vec<N, float> numbersIn(const json& value, const std::string& where, float lo, float hi,
                                      glm::vec<N, float> out) {
    if (!value.is_array() || value.size() != std::size_t(N))
      fail(where, format("must be a list of {} numbers like [{}]", N, examples(N)));
    for (int i = 0; i < N; ++i) {
      if (!value[std::size_t(i)].is_number())
        fail(where, format("must be a list of {} numbers like [{}]", N, examples(N)));
      const double n = value[std::size_t(i)].get<double>();
      if (n < lo || n > hi) fail(where, format("{} is outside {}..{}", n, lo, hi));
      out[i] = float(n);
    }
    return out;
  }
  static std::string examples(int n) { return n == 2 ? "0.5, -1.2" : n == 3 ? "0.5, 0.74, -1.2" : "…"; }
  bool boolean(const char* name, bool fallback) {
    const json* value = find(name);
    if (!value) return fallback;
    if (!value->is_boolean()) fail(field(name), "must be true or false (without quotes)");
    return value->get<bool>();
  }
  void warnUnknown() const {
    for (const auto& [key, value] : object_.items())
      if (!used_.contains(key)) warnings_.push_back(format("{}: unknown field, ignored", field(key.c_str())));
  }

 private:
  const json& object_;
  std::string path_;
  std::vector<std::string>& warnings_;
  std::set<std::string> used_;
};

// What scenarios write for a meeting or a character: lower-case ASCII letters, digits and _.
bool isIdentifier(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The line a byte offset falls on, for parse errors.
int lineOf(const std::string& text, std::size_t byte) {
  return 1 + int(std::count(text.begin(), text.begin() + std::ptrdiff_t(std::min(byte, text.size())), '\n'));
}

// Where a field such as "characters[1].appearance.age" is written in the (valid) JSON text: the line of
// its key, or of the deepest part of the path that is there (the object a missing field belongs in).
// nlohmann-json keeps no positions, so the text is walked once more, skipping what is not on the path.
class FieldLocator {
 public:
  explicit FieldLocator(const std::string& text) : t_(text) {}

  int line(std::string_view field) {
    std::vector<std::string> path;
    std::string part;
    for (const char c : field) {
      if (c == '.' || c == '[' || c == ']') {
        if (!part.empty()) path.push_back(std::exchange(part, {}));
      } else {
        part += c;
      }
    }
    if (!part.empty()) path.push_back(part);
    i_ = 0;
    std::size_t found = 0;
    seek(path, 0, found);
    return lineOf(t_, found);
  }

 private:
  void ws() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }
  std::string string() {  // at '"'; the raw text between the quotes (field names need no unescaping)
    const std::size_t from = ++i_;
    while (i_ < t_.size() && t_[i_] != '"') i_ += t_[i_] == '\\' ? 2 : 1;
    return t_.substr(from, std::min(i_++, t_.size()) - from);
  }
  void skip() {  // one value
    ws();
    if (i_ >= t_.size()) return;
    if (t_[i_] == '"') {
      string();
    } else if (t_[i_] == '{' || t_[i_] == '[') {
      int depth = 0;
      do {
        if (t_[i_] == '"') {
          string();
          continue;
        }
        depth += t_[i_] == '{' || t_[i_] == '[';
        depth -= t_[i_] == '}' || t_[i_] == ']';
        ++i_;
      } while (depth > 0 && i_ < t_.size());
    } else {
      while (i_ < t_.size() && !std::strchr(",]}", t_[i_]) && !std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
    }
  }
  // At a value: follows path[depth...] into it, remembering in `found` where the deepest match starts.
  void seek(const std::vector<std::string>& path, std::size_t depth, std::size_t& found) {
    ws();
    found = i_;
    if (depth == path.size() || i_ >= t_.size()) return;
    const bool object = t_[i_] == '{';
    if (!object && t_[i_] != '[') return;
    ++i_;
    for (std::size_t index = 0;; ++index) {
      ws();
      if (i_ >= t_.size() || t_[i_] == '}' || t_[i_] == ']') return;
      const std::size_t at = i_;
      bool match = !object && path[depth] == std::to_string(index);
      if (object) {
        match = string() == path[depth];
        ws();
        ++i_;  // ':'
      }
      if (match) {
        if (depth + 1 == path.size()) {
          found = at;
          return;
        }
        seek(path, depth + 1, found);
        return;
      }
      skip();
      ws();
      if (i_ < t_.size() && t_[i_] == ',') ++i_;
    }
  }

  const std::string& t_;
  std::size_t i_ = 0;
};

// Parses JSON text; a mistake becomes "<file>:<line>: not valid JSON (…); <what to do>".
bool parseJson(const std::string& text, const std::string& fileName, json& root, std::string& error) {
  try {
    root = json::parse(text);
    return true;
  } catch (const json::parse_error& e) {
    error = format("{}:{}: not valid JSON ({}); check for a missing comma, quote or brace near there", fileName,
                   lineOf(text, e.byte > 0 ? e.byte - 1 : 0), e.what());
  } catch (const json::exception& e) {  // a number too large for a double, say: "… parsing '1e400'"
    const std::string what = e.what();
    const auto quote = what.find('\'');
    const std::string token = quote == std::string::npos ? "" : what.substr(quote + 1, what.rfind('\'') - quote - 1);
    const std::size_t at = token.empty() ? std::string::npos : text.find(token);
    error = format("{}:{}: not valid JSON ({}); write a smaller number", fileName,
                   lineOf(text, at == std::string::npos ? 0 : at), what);
  }
  return false;
}

// Warnings are gathered as "<field>: …"; this puts "<file>:<line>: " before each, at the field's line.
void placeWarnings(const std::string& text, const std::string& fileName, std::vector<std::string>& warnings) {
  FieldLocator locate(text);
  for (auto& warning : warnings)
    warning = format("{}:{}: {}", fileName, locate.line(warning.substr(0, warning.find(": "))), warning);
}

CastMember readCharacter(const json& value, std::size_t index, std::vector<std::string>& warnings) {
  Fields f(value, format("characters[{}]", index), warnings);
  CastMember c;
  c.id = f.text("id", true);
  if (!isIdentifier(c.id))
    Fields::fail(f.field("id"), format("\"{}\" must use only a-z, 0-9 and _ (it is what scenarios write)", c.id));
  if (c.id == "borger" || c.id == "bord" || c.id == "ingen")
    Fields::fail(
        f.field("id"),
        format("\"{}\" is taken: <<look>> uses it for the citizen, the table or nobody; choose another id", c.id));
  c.name = f.text("name", true);
  if (c.name.empty()) Fields::fail(f.field("name"), "must not be empty");
  if (c.name.find(':') != std::string::npos)
    Fields::fail(f.field("name"), format("\"{}\" must not contain ':' (a line is written \"Name: text\")", c.name));
  c.role = f.text("role", false);
  c.seat = f.number("seat", 0, 3, 0);
  c.optional = f.boolean("optional", false);
  // Seat 3, at the table's right end, is the bisidder's, who is there only when the facilitator says so.
  if (c.optional != (c.seat == 3))
    Fields::fail(f.field(c.optional ? "optional" : "seat"),
                 c.optional
                     ? "only the bisidder is optional, and sits on seat 3; use \"seat\": 3 or \"optional\": false"
                     : "seat 3 is the bisidder's, who is optional; add \"optional\": true or choose seat 0, 1 or 2");
  if (const json* appearance = f.find("appearance")) {
    Fields a(*appearance, f.field("appearance"), warnings);
    c.appearance.age = a.number("age", 25, 75, 40);
    c.appearance.gender = a.oneOf("gender", {"kvinde", "mand", "andet"}, "andet");
    c.appearance.skin = a.oneOf("skin", {"lys", "mellem", "moerk", "meget_moerk"}, "lys");
    c.appearance.hair = a.oneOf("hair", {"kort", "langt", "skaldet", "knold", "kruset", "hestehale"}, "kort");
    c.appearance.hairColor = a.oneOf("hairColor", {"", "sort", "brun", "blond", "graa", "roed"}, "");
    c.appearance.clothing = a.oneOf("clothing", {"skjorte", "striktroeje", "blazer", "kittel", "t-shirt"}, "skjorte");
    c.appearance.clothingColor =
        a.oneOf("clothingColor", {"", "blaa", "groen", "graa", "beige", "bordeaux", "sort", "hvid"}, "");
    c.appearance.accessories = a.wordsFrom("accessories", {"briller", "halskaede", "oereringe", "soelv"});
    a.warnUnknown();
  }
  if (const json* voice = f.find("voice")) {
    Fields v(*voice, f.field("voice"), warnings);
    c.voice.variant =
        v.oneOf("variant", {"m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5"}, "f1");
    c.voice.pitch = v.number("pitch", 0, 99, 50);
    c.voice.rate = v.number("rate", 120, 200, 160);
    v.warnUnknown();
  }
  c.model = f.text("model", false);
  f.warnUnknown();
  return c;
}

}  // namespace

CastLoad parseCast(const std::string& text, const std::string& fileName, std::string_view folder) {
  CastLoad result;
  json root;
  if (!parseJson(text, fileName, root, result.error)) return result;
  std::size_t characterIndex = 0;
  try {
    Fields f(root, "", result.warnings);
    MeetingCast cast;
    cast.meeting = f.text("meeting", true);
    if (!isIdentifier(cast.meeting))
      Fields::fail("meeting",
                   format("\"{}\" must use only a-z, 0-9 and _, like the meeting's folder name", cast.meeting));
    if (!folder.empty() && cast.meeting != folder)
      Fields::fail("meeting", format("\"{}\" differs from the folder's name \"{}\"; write \"{}\" or rename the folder",
                                     cast.meeting, folder, folder));
    cast.title = f.text("title", true);
    cast.start = f.text("start", false, "Start");
    if (f.find("start")) cast.startLine = FieldLocator(text).line("start");
    if (const json* room = f.find("room")) {
      Fields r(*room, "room", result.warnings);
      cast.roomKind = r.text("kind", false, cast.roomKind);
      if (!isIdentifier(cast.roomKind))
        Fields::fail(
            "room.kind",
            format("\"{}\" must use only a-z, 0-9 and _, like the name of a file in scenarios/rooms/", cast.roomKind));
      cast.roomDescription = r.text("description", false);
      r.warnUnknown();
    }
    if (const json* difficulties = f.find("difficulties")) {
      if (!difficulties->is_array())
        Fields::fail("difficulties", "must be a list like [\"stoettende\", \"neutral\", \"presset\"]");
      for (std::size_t i = 0; i < difficulties->size(); ++i) {
        const json& d = (*difficulties)[i];
        const std::string where = format("difficulties[{}]", i);
        if (!d.is_string()) Fields::fail(where, "must be a word in quotes");
        const std::string word = d.get<std::string>();
        if (std::find(kDifficulties.begin(), kDifficulties.end(), word) == kDifficulties.end())
          Fields::fail(where, format("\"{}\" is not one of: {}", word, joinWords(kDifficulties)));
        cast.difficulties.push_back(word);
      }
    }
    for (const std::string& d : kDifficulties)
      if (std::find(cast.difficulties.begin(), cast.difficulties.end(), d) == cast.difficulties.end())
        Fields::fail("difficulties", format("\"{}\" is missing; the meeting is written for all three: {}", d,
                                            joinWords(kDifficulties)));
    const json* characters = f.find("characters");
    if (!characters || !characters->is_array() || characters->empty())
      Fields::fail("characters", "must list at least one character: [{\"id\": …, \"name\": …}]");
    if (characters->size() > 4) Fields::fail("characters[4]", "there are seats for four characters; remove the rest");
    std::set<std::string> ids, names;
    std::set<int> seats;
    for (; characterIndex < characters->size(); ++characterIndex) {
      CastMember c = readCharacter((*characters)[characterIndex], characterIndex, result.warnings);
      const std::string where = format("characters[{}]", characterIndex);
      if (!ids.insert(c.id).second)
        Fields::fail(where + ".id", format("\"{}\" is used twice; every character needs its own id", c.id));
      if (!names.insert(c.name).second)
        Fields::fail(where + ".name", format("\"{}\" is used twice; captions could not tell them apart", c.name));
      if (!seats.insert(c.seat).second)
        Fields::fail(where + ".seat", format("seat {} is already taken; use a free seat from 0 to 3", c.seat));
      cast.characters.push_back(std::move(c));
    }
    f.warnUnknown();
    result.cast = std::move(cast);
  } catch (const CastError& e) {
    result.error = format("{}:{}: {}", fileName, FieldLocator(text).line(e.field), e.message);
  }
  placeWarnings(text, fileName, result.warnings);
  return result;
}

// ---- room layouts (scenarios/rooms/<kind>.json) -----------------------------------------------
namespace {

// Room coordinates stay within a generous box around the citizen (metres), colours within 0..1.
constexpr float kFar = 20.0f;

RoomMaterial readRoomMaterial(const json& value, const std::string& name, std::vector<std::string>& warnings) {
  Fields f(value, "materials." + name, warnings);
  RoomMaterial m;
  m.name = name;
  m.color = f.numbers<3>("color", 0.0f, 1.0f, m.color, true);
  m.roughness = float(f.real("roughness", 0.0, 1.0, m.roughness));
  m.emissive = float(f.real("emissive", 0.0, 10.0, m.emissive));
  m.opacity = float(f.real("opacity", 0.05, 1.0, m.opacity));
  m.pattern = f.oneOf("pattern", {"plain", "wood", "window", "paper"}, m.pattern);
  f.warnUnknown();
  return m;
}

RoomPiece readRoomPiece(const json& value, std::size_t index, const std::vector<RoomMaterial>& materials,
                        std::vector<std::string>& warnings) {
  Fields f(value, format("pieces[{}]", index), warnings);
  RoomPiece p;
  p.shape = f.oneOf("shape", {"box", "cylinder", "ellipsoid", "lathe"}, "");
  const std::string material = f.text("material", true);
  const auto named =
      std::find_if(materials.begin(), materials.end(), [&](const RoomMaterial& m) { return m.name == material; });
  if (named == materials.end()) {
    std::vector<std::string> names;
    for (const RoomMaterial& m : materials) names.push_back(m.name);
    Fields::fail(f.field("material"),
                 format("\"{}\" is not in \"materials\"; use one of: {}, or add it there", material, joinWords(names)));
  }
  p.material = std::uint32_t(named - materials.begin());
  p.at = f.numbers<3>("at", -kFar, kFar, p.at, true);
  if (p.shape == "lathe") {
    const json* profile = f.find("profile");
    if (!profile || !profile->is_array() || profile->size() < 2)
      Fields::fail(f.field("profile"),
                   "a lathe needs a profile of at least two [radius, height] points from the bottom up");
    for (std::size_t i = 0; i < profile->size(); ++i)
      p.profile.push_back(Fields::numbersIn<2>((*profile)[i], format("{}[{}]", f.field("profile"), i), 0.0f, 5.0f, {}));
  } else {
    p.size = f.numbers<3>("size", 0.001f, kFar, p.size, true);
  }
  p.yawDegrees = float(f.real("yaw", -360.0, 360.0, 0.0));
  p.tiltDegrees = float(f.real("tilt", -180.0, 180.0, 0.0));
  p.count = f.number("count", 1, 200, 1);
  p.step = f.numbers<3>("step", -kFar, kFar, p.step);
  f.warnUnknown();
  return p;
}

RoomSeat readRoomSeat(const json& value, const std::string& where, std::vector<std::string>& warnings) {
  Fields f(value, where, warnings);
  RoomSeat seat;
  seat.at = f.numbers<2>("at", -kFar, kFar, seat.at, true);
  seat.yawDegrees = float(f.real("yaw", -180.0, 180.0, 0.0));
  f.warnUnknown();
  return seat;
}

RoomLayout readRoomLayout(const json& root, std::vector<std::string>& warnings) {
  Fields f(root, "", warnings);
  RoomLayout room;
  room.description = f.text("description", false);
  {
    const json* walls = f.find("walls");
    if (!walls) Fields::fail("walls", "is missing; add {\"from\": [x, z], \"to\": [x, z], \"height\": 2.7}");
    Fields w(*walls, "walls", warnings);
    room.floorMin = w.numbers<2>("from", -kFar, kFar, room.floorMin, true);
    room.floorMax = w.numbers<2>("to", -kFar, kFar, room.floorMax, true);
    room.height = float(w.real("height", 2.0, 6.0, room.height));
    if (room.floorMax.x - room.floorMin.x < 2.0f || room.floorMax.y - room.floorMin.y < 2.0f)
      Fields::fail("walls.to",
                   "the room must be at least 2 m each way: \"to\" is the corner opposite \"from\", larger in x and z");
    w.warnUnknown();
  }
  if (const json* windows = f.find("windows")) {
    if (!windows->is_array())
      Fields::fail("windows", "must be a list like [{\"x\": [-2.3, -0.75], \"y\": [0.85, 2.25]}]");
    for (std::size_t i = 0; i < windows->size(); ++i) {
      Fields w((*windows)[i], format("windows[{}]", i), warnings);
      RoomWindow window;
      window.x = w.numbers<2>("x", room.floorMin.x, room.floorMax.x, window.x, true);
      window.y = w.numbers<2>("y", 0.0f, room.height, window.y, true);
      if (window.x[1] <= window.x[0] || window.y[1] <= window.y[0])
        Fields::fail(w.field(window.x[1] <= window.x[0] ? "x" : "y"), "write [from, to] with from smaller than to");
      w.warnUnknown();
      room.windows.push_back(window);
    }
  }
  {
    const json* table = f.find("table");
    if (!table)
      Fields::fail("table", "is missing; add {\"shape\": \"rektangel\", \"centre\": [0, -0.75], \"size\": [1.9, 1.0]}");
    Fields t(*table, "table", warnings);
    room.roundTable = t.oneOf("shape", {"rektangel", "rund"}, "rektangel") == "rund";
    room.tableCentre = t.numbers<2>("centre", -kFar, kFar, room.tableCentre, true);
    room.tableSize = t.numbers<2>("size", 0.3f, 6.0f, room.tableSize, true);
    room.tableHeight = float(t.real("height", 0.35, 1.1, room.tableHeight));
    t.warnUnknown();
  }
  room.armchairs = f.oneOf("chairs", {"kontorstol", "laenestol"}, "kontorstol") == "laenestol";
  room.citizen = f.numbers<2>("citizen", -kFar, kFar, room.citizen, true);
  const json* seats = f.find("seats");
  if (!seats || !seats->is_array() || seats->size() != room.seats.size())
    Fields::fail("seats",
                 "must list the four seats: across, across-left, across-right, the bisidder's: [{\"at\": [x, z], "
                 "\"yaw\": 0}, …]");
  for (std::size_t i = 0; i < room.seats.size(); ++i)
    room.seats[i] = readRoomSeat((*seats)[i], format("seats[{}]", i), warnings);
  if (const json* light = f.find("light")) {
    Fields l(*light, "light", warnings);
    const glm::vec3 towardsSun = l.numbers<3>("towardsSun", -1.0f, 1.0f, room.towardsSun);
    if (glm::length(towardsSun) < 0.1f) Fields::fail("light.towardsSun", "must point somewhere: not [0, 0, 0]");
    room.towardsSun = glm::normalize(towardsSun);
    room.sunColor = l.numbers<3>("sun", 0.0f, 10.0f, room.sunColor);
    room.skyColor = l.numbers<3>("sky", 0.0f, 10.0f, room.skyColor);
    room.groundColor = l.numbers<3>("ground", 0.0f, 10.0f, room.groundColor);
    room.exposure = float(l.real("exposure", 0.1, 4.0, room.exposure));
    l.warnUnknown();
  }
  const json* materials = f.find("materials");
  if (!materials || !materials->is_object())
    Fields::fail("materials", "must name the surfaces: {\"floor\": {\"color\": [0.66, 0.5, 0.35]}, …}");
  for (const std::string_view required : kRequiredRoomMaterials) {
    const std::string name(required);
    if (!materials->contains(name))
      Fields::fail(
          "materials",
          format("\"{}\" is missing; the room needs: {}", name,
                 joinWords(std::vector<std::string>(kRequiredRoomMaterials.begin(), kRequiredRoomMaterials.end()))));
    room.materials.push_back(readRoomMaterial((*materials)[name], name, warnings));
  }
  for (const auto& [name, value] : materials->items())
    if (std::find(kRequiredRoomMaterials.begin(), kRequiredRoomMaterials.end(), name) == kRequiredRoomMaterials.end())
      room.materials.push_back(readRoomMaterial(value, name, warnings));
  if (const json* pieces = f.find("pieces")) {
    if (!pieces->is_array())
      Fields::fail("pieces", "must be a list of shapes: [{\"shape\": \"box\", \"material\": …}]");
    for (std::size_t i = 0; i < pieces->size(); ++i)
      room.pieces.push_back(readRoomPiece((*pieces)[i], i, room.materials, warnings));
  }
  f.warnUnknown();
  return room;
}

}  // namespace

std::filesystem::path roomLayoutFile(const std::filesystem::path& roomsFolder, std::string_view kind) {
  return roomsFolder / (std::string(kind) + ".json");
}

std::vector<std::string> roomKinds(const std::filesystem::path& roomsFolder) {
  std::vector<std::string> kinds;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(roomsFolder, ec))
    if (entry.path().extension() == ".json") kinds.push_back(entry.path().stem().string());
  std::sort(kinds.begin(), kinds.end());
  return kinds;
}

RoomLayoutLoad parseRoomLayout(const std::string& text, const std::string& fileName) {
  RoomLayoutLoad result;
  json root;
  if (!parseJson(text, fileName, root, result.error)) return result;
  try {
    result.layout = readRoomLayout(root, result.warnings);
    result.layout->kind = std::filesystem::path(fileName).stem().string();
    result.layout->file = fileName;
  } catch (const CastError& e) {
    result.error = format("{}:{}: {}", fileName, FieldLocator(text).line(e.field), e.message);
  }
  placeWarnings(text, fileName, result.warnings);
  return result;
}

RoomLayoutLoad loadRoomLayout(const std::filesystem::path& file) {
  std::string why;
  const auto text = readTextFile(file, &why);
  if (!text) {
    RoomLayoutLoad result;
    result.error = why;
    return result;
  }
  return parseRoomLayout(*text, file.string());
}

CastLoad loadCast(const std::filesystem::path& file) {
  std::string why;
  const auto text = readTextFile(file, &why);
  if (!text) {
    CastLoad result;
    result.error = format("{}; every meeting folder needs a readable cast.json (see scenarios/README-cast.md)", why);
    return result;
  }
  CastLoad result = parseCast(*text, file.string(), file.parent_path().filename().string());
  if (!result.cast) return result;
  for (CastMember& c : result.cast->characters)
    if (!c.model.empty() && c.model.is_relative()) c.model = file.parent_path() / c.model;
  // The room: a layout file shared by the meetings beside this one, else one of the shipped rooms.
  const std::filesystem::path besideMeeting = file.parent_path().parent_path() / "rooms";
  const std::filesystem::path shipped = shippedData() / "scenarios" / "rooms";
  const std::string& kind = result.cast->roomKind;
  std::error_code ec;
  std::filesystem::path layoutFile = roomLayoutFile(besideMeeting, kind);
  if (!std::filesystem::exists(layoutFile, ec)) layoutFile = roomLayoutFile(shipped, kind);
  if (!std::filesystem::exists(layoutFile, ec)) {
    std::vector<std::string> kinds = roomKinds(besideMeeting);
    for (const std::string& k : roomKinds(shipped))
      if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
    std::sort(kinds.begin(), kinds.end());
    result.error = format(
        "{}:{}: room.kind: there is no room \"{}\"; choose one of: {}, or describe it in {} (see "
        "scenarios/README-rooms.md)",
        file.string(), FieldLocator(*text).line("room.kind"), kind, joinWords(kinds),
        roomLayoutFile(besideMeeting, kind).string());
    result.cast.reset();
    return result;
  }
  RoomLayoutLoad room = loadRoomLayout(layoutFile);
  result.warnings.insert(result.warnings.end(), room.warnings.begin(), room.warnings.end());
  if (!room.layout) {
    result.error = room.error;
    result.cast.reset();
    return result;
  }
  result.cast->room = std::move(*room.layout);
  return result;
}

}  // namespace overum::scene
