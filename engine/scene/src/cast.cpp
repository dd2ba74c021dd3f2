// SPDX-License-Identifier: GPL-3.0-or-later
// cast.json reading with nlohmann-json. Values are checked against the documented vocabulary
// (scenarios/README-cast.md); a wrong value names the field and lists what is allowed.
#include <overum/core/files.h>
#include <overum/core/format.h>
#include <overum/scene/cast.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
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
  int number(const char* name, int lo, int hi, int fallback) {
    const json* value = find(name);
    if (!value) return fallback;
    if (!value->is_number_integer()) fail(field(name), format("must be a whole number from {} to {}", lo, hi));
    const auto n = value->get<long long>();
    if (n < lo || n > hi) fail(field(name), format("{} is outside {}..{}", n, lo, hi));
    return int(n);
  }
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
        if (t_[i_] == '"') { string(); continue; }
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
        if (depth + 1 == path.size()) { found = at; return; }
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

CastMember readCharacter(const json& value, std::size_t index, std::vector<std::string>& warnings) {
  Fields f(value, format("characters[{}]", index), warnings);
  CastMember c;
  c.id = f.text("id", true);
  if (!isIdentifier(c.id)) Fields::fail(f.field("id"), format("\"{}\" must use only a-z, 0-9 and _ (it is what scenarios write)", c.id));
  if (c.id == "borger" || c.id == "bord" || c.id == "ingen")
    Fields::fail(f.field("id"), format("\"{}\" is taken: <<look>> uses it for the citizen, the table or nobody; choose another id", c.id));
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
                 c.optional ? "only the bisidder is optional, and sits on seat 3; use \"seat\": 3 or \"optional\": false"
                            : "seat 3 is the bisidder's, who is optional; add \"optional\": true or choose seat 0, 1 or 2");
  if (const json* appearance = f.find("appearance")) {
    Fields a(*appearance, f.field("appearance"), warnings);
    c.appearance.age = a.number("age", 25, 75, 40);
    c.appearance.gender = a.oneOf("gender", {"kvinde", "mand", "andet"}, "andet");
    c.appearance.skin = a.oneOf("skin", {"lys", "mellem", "moerk", "meget_moerk"}, "lys");
    c.appearance.hair = a.oneOf("hair", {"kort", "langt", "skaldet", "knold", "kruset", "hestehale"}, "kort");
    c.appearance.hairColor = a.oneOf("hairColor", {"", "sort", "brun", "blond", "graa", "roed"}, "");
    c.appearance.clothing = a.oneOf("clothing", {"skjorte", "striktroeje", "blazer", "kittel", "t-shirt"}, "skjorte");
    c.appearance.clothingColor = a.oneOf("clothingColor", {"", "blaa", "groen", "graa", "beige", "bordeaux", "sort", "hvid"}, "");
    a.warnUnknown();
  }
  if (const json* voice = f.find("voice")) {
    Fields v(*voice, f.field("voice"), warnings);
    c.voice.variant = v.oneOf("variant", {"m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5"}, "f1");
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
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    result.error = format("{}:{}: not valid JSON ({}); check for a missing comma, quote or brace near there", fileName,
                          lineOf(text, e.byte > 0 ? e.byte - 1 : 0), e.what());
    return result;
  } catch (const json::exception& e) {  // a number too large for a double, say: "… parsing '1e400'"
    const std::string what = e.what();
    const auto quote = what.find('\'');
    const std::string token = quote == std::string::npos ? "" : what.substr(quote + 1, what.rfind('\'') - quote - 1);
    const std::size_t at = token.empty() ? std::string::npos : text.find(token);
    result.error = format("{}:{}: not valid JSON ({}); write a smaller number", fileName,
                          lineOf(text, at == std::string::npos ? 0 : at), what);
    return result;
  }
  std::size_t characterIndex = 0;
  try {
    Fields f(root, "", result.warnings);
    MeetingCast cast;
    cast.meeting = f.text("meeting", true);
    if (!isIdentifier(cast.meeting))
      Fields::fail("meeting", format("\"{}\" must use only a-z, 0-9 and _, like the meeting's folder name", cast.meeting));
    if (!folder.empty() && cast.meeting != folder)
      Fields::fail("meeting", format("\"{}\" differs from the folder's name \"{}\"; write \"{}\" or rename the folder",
                                     cast.meeting, folder, folder));
    cast.title = f.text("title", true);
    cast.start = f.text("start", false, "Start");
    if (f.find("start")) cast.startLine = FieldLocator(text).line("start");
    if (const json* room = f.find("room")) {
      Fields r(*room, "room", result.warnings);
      cast.roomKind = r.oneOf("kind", {"kommune_moedelokale", "psykiatri_samtalerum"}, "kommune_moedelokale");
      cast.roomDescription = r.text("description", false);
      r.warnUnknown();
    }
    if (const json* difficulties = f.find("difficulties")) {
      if (!difficulties->is_array()) Fields::fail("difficulties", "must be a list like [\"stoettende\", \"neutral\", \"presset\"]");
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
        Fields::fail("difficulties", format("\"{}\" is missing; the meeting is written for all three: {}", d, joinWords(kDifficulties)));
    const json* characters = f.find("characters");
    if (!characters || !characters->is_array() || characters->empty())
      Fields::fail("characters", "must list at least one character: [{\"id\": …, \"name\": …}]");
    if (characters->size() > 4) Fields::fail("characters[4]", "there are seats for four characters; remove the rest");
    std::set<std::string> ids, names;
    std::set<int> seats;
    for (; characterIndex < characters->size(); ++characterIndex) {
      CastMember c = readCharacter((*characters)[characterIndex], characterIndex, result.warnings);
      const std::string where = format("characters[{}]", characterIndex);
      if (!ids.insert(c.id).second) Fields::fail(where + ".id", format("\"{}\" is used twice; every character needs its own id", c.id));
      if (!names.insert(c.name).second) Fields::fail(where + ".name", format("\"{}\" is used twice; captions could not tell them apart", c.name));
      if (!seats.insert(c.seat).second) Fields::fail(where + ".seat", format("seat {} is already taken; use a free seat from 0 to 3", c.seat));
      cast.characters.push_back(std::move(c));
    }
    f.warnUnknown();
    result.cast = std::move(cast);
  } catch (const CastError& e) {
    result.error = format("{}:{}: {}", fileName, FieldLocator(text).line(e.field), e.message);
  }
  FieldLocator locate(text);
  for (auto& warning : result.warnings)
    warning = format("{}:{}: {}", fileName, locate.line(warning.substr(0, warning.find(": "))), warning);
  return result;
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
  if (result.cast)
    for (CastMember& c : result.cast->characters)
      if (!c.model.empty() && c.model.is_relative()) c.model = file.parent_path() / c.model;
  return result;
}

}  // namespace overum::scene
