// cast.json reading with nlohmann-json. Values are checked against the documented vocabulary
// (scenarios/README-cast.md); a wrong value names the field and lists what is allowed.
#include <overum/core/format.h>
#include <overum/scene/cast.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace overum::scene {
namespace {

using nlohmann::json;

struct CastError {
  std::string message;
};

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
    throw CastError{format("{}: {}", field, what)};
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

bool isIdentifier(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The line a byte offset falls on, for parse errors.
int lineOf(const std::string& text, std::size_t byte) {
  return 1 + int(std::count(text.begin(), text.begin() + std::ptrdiff_t(std::min(byte, text.size())), '\n'));
}

// The line where the index-th object of the "characters" list starts, so field errors point into the file.
int lineOfCharacter(const std::string& text, std::size_t index) {
  std::size_t at = text.find('[', text.find("\"characters\""));
  int depth = 0;
  std::size_t seen = 0;
  bool inString = false;
  for (; at != std::string::npos && at < text.size(); ++at) {
    const char c = text[at];
    if (inString) {
      if (c == '\\') ++at;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '{' && depth++ == 0 && seen++ == index) {
      return lineOf(text, at);
    } else if (c == '}') {
      --depth;
    }
  }
  return 1;
}

CastMember readCharacter(const json& value, std::size_t index, std::vector<std::string>& warnings) {
  Fields f(value, format("characters[{}]", index), warnings);
  CastMember c;
  c.id = f.text("id", true);
  if (!isIdentifier(c.id)) Fields::fail(f.field("id"), format("\"{}\" must use only a-z, 0-9 and _ (it is what scenarios write)", c.id));
  c.name = f.text("name", true);
  if (c.name.empty()) Fields::fail(f.field("name"), "must not be empty");
  c.role = f.text("role", false);
  c.seat = f.number("seat", 0, 3, 0);
  c.optional = f.boolean("optional", false);
  if (const json* appearance = f.find("appearance")) {
    Fields a(*appearance, f.field("appearance"), warnings);
    c.appearance.age = a.number("age", 18, 99, 40);
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
    c.voice.rate = v.number("rate", 80, 450, 160);
    v.warnUnknown();
  }
  c.model = f.text("model", false);
  f.warnUnknown();
  return c;
}

}  // namespace

CastLoad parseCast(const std::string& text, const std::string& fileName) {
  CastLoad result;
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    result.error = format("{}:{}: not valid JSON ({}); check for a missing comma, quote or brace near there", fileName,
                          lineOf(text, e.byte > 0 ? e.byte - 1 : 0), e.what());
    return result;
  }
  std::size_t characterIndex = 0;
  bool inCharacters = false;
  try {
    Fields f(root, "", result.warnings);
    MeetingCast cast;
    cast.meeting = f.text("meeting", true);
    cast.title = f.text("title", true);
    cast.start = f.text("start", false, "Start");
    if (const json* room = f.find("room")) {
      Fields r(*room, "room", result.warnings);
      cast.roomKind = r.oneOf("kind", {"kommune_moedelokale", "psykiatri_samtalerum"}, "kommune_moedelokale");
      cast.roomDescription = r.text("description", false);
      r.warnUnknown();
    }
    if (const json* difficulties = f.find("difficulties")) {
      if (!difficulties->is_array()) Fields::fail("difficulties", "must be a list like [\"stoettende\", \"neutral\", \"presset\"]");
      for (const json& d : *difficulties) {
        if (!d.is_string()) Fields::fail("difficulties", "must be a list of words in quotes");
        cast.difficulties.push_back(d.get<std::string>());
      }
    }
    const json* characters = f.find("characters");
    if (!characters || !characters->is_array() || characters->empty())
      Fields::fail("characters", "must list at least one character: [{\"id\": …, \"name\": …}]");
    inCharacters = true;
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
    const int line = inCharacters ? lineOfCharacter(text, characterIndex) : 1;
    result.error = format("{}:{}: {}", fileName, line, e.message);
  }
  for (auto& warning : result.warnings) warning = fileName + ": " + warning;
  return result;
}

CastLoad loadCast(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    CastLoad result;
    result.error = format("{}: cannot be read; every meeting folder needs a cast.json (see scenarios/README-cast.md)", file.string());
    return result;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  CastLoad result = parseCast(buffer.str(), file.string());
  if (result.cast)
    for (CastMember& c : result.cast->characters)
      if (!c.model.empty() && c.model.is_relative()) c.model = file.parent_path() / c.model;
  return result;
}

}  // namespace overum::scene
