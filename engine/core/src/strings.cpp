// The da/en string table. Keys are ASCII; Danish is the source of truth, English may be empty
// (then Danish is shown).
#include <overum/core/strings.h>

#include <algorithm>
#include <array>
#include <atomic>

namespace overum {
namespace {

struct Entry {
  std::string_view key;
  std::string_view da;
  std::string_view en;
};

// Keep sorted by key: lookup is a binary search.
constexpr std::array kEntries = std::to_array<Entry>({
    {"app.fallback.desktop", "Intet VR-headset fundet ({}); starter i vindue på skærmen.",
     "No VR headset found ({}); starting in a desktop window."},
    {"app.fallback.headless", "Ingen skærm fundet ({}); tegner mødelokalet til billedfiler i stedet.",
     "No display found ({}); rendering the meeting room to image files instead."},
    {"app.headless.wrote", "Billeder af mødelokalet er gemt i {}", "Pictures of the meeting room were saved in {}"},
    {"app.title", "Øverum – øverum til møder", "Øverum – practice room for meetings"},
    {"common.cancel", "Annullér", "Cancel"},
    {"common.done", "Færdig", "Done"},
    {"common.pause", "Pause", "Pause"},
    {"common.resume", "Fortsæt", "Resume"},
    {"statement.help", "Jeg vil gerne have hjælp til", "I would like help with"},
    {"statement.important", "Det er vigtigt for mig at…", "It is important to me that…"},
    {"statement.intro", "Sådan vil jeg introducere mig selv", "This is how I introduce myself"},
    {"statement.so_that", "Så jeg kan", "So that I can"},
});

constexpr bool sortedByKey() {
  for (std::size_t i = 1; i < kEntries.size(); ++i)
    if (!(kEntries[i - 1].key < kEntries[i].key)) return false;
  return true;
}
static_assert(sortedByKey(), "string table entries must be sorted by key");

std::atomic<Language> current{Language::da};

const Entry* find(std::string_view key) {
  auto it = std::lower_bound(kEntries.begin(), kEntries.end(), key,
                             [](const Entry& e, std::string_view k) { return e.key < k; });
  return it != kEntries.end() && it->key == key ? &*it : nullptr;
}

}  // namespace

void setLanguage(Language language) { current = language; }
Language language() { return current; }

bool parseLanguage(std::string_view code, Language& out) {
  if (code == "da") out = Language::da;
  else if (code == "en") out = Language::en;
  else return false;
  return true;
}

std::string_view tr(std::string_view key) {
  const Entry* e = find(key);
  if (!e) return key;
  if (current == Language::en && !e->en.empty()) return e->en;
  return e->da;
}

bool hasKey(std::string_view key) { return find(key) != nullptr; }

std::vector<std::string_view> allStrings() {
  std::vector<std::string_view> out;
  for (const auto& e : kEntries) {
    out.push_back(e.da);
    if (!e.en.empty()) out.push_back(e.en);
  }
  return out;
}

}  // namespace overum
