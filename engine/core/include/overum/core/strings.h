// SPDX-License-Identifier: GPL-3.0-or-later
// The user-facing string table: Danish first, English second. Every text a user sees goes through tr().
#pragma once
#include <string_view>
#include <vector>

namespace overum {

enum class Language { da, en };

void setLanguage(Language language);  // default: da
Language language();
bool parseLanguage(std::string_view code, Language& out);  // "da" | "en"

// The text for key in the current language; English falls back to Danish, an unknown key returns
// the key itself so a missing entry is visible rather than blank.
std::string_view tr(std::string_view key);
// The same in a given language (the overlay draws in the citizen's language, whatever the process's).
std::string_view tr(std::string_view key, Language language);

// Every string in every language, for glyph-coverage tests.
std::vector<std::string_view> allStrings();
bool hasKey(std::string_view key);
// The keys that begin with prefix, in order ("export." gives the export page's words).
std::vector<std::string_view> keysStartingWith(std::string_view prefix);

}  // namespace overum
