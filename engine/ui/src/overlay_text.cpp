// SPDX-License-Identifier: GPL-3.0-or-later
// The overlay's words: each UiText names its entry in core's string table.
#include <overum/core/strings.h>
#include <overum/ui/overlay.h>

#include <array>

namespace overum::ui {
namespace {

// Indexed by UiText, in its order.
constexpr std::array kKeys = std::to_array<std::string_view>({
    "ui.not_possible_now", "ui.statement.title", "statement.intro",
    "statement.important", "statement.help",     "statement.so_that",
    "ui.microphone_on",    "ui.listening",       "ui.done",
    "ui.pause.title",      "ui.pause.resume",    "ui.pause.resume_vr",
    "ui.end.title",        "ui.end.well_done",   "ui.end.what_now",
    "ui.end.went_well",    "ui.end.try_next",    "ui.held",
    "ui.more_options",     "ui.keys.title",      "ui.keys.done",
    "ui.keys.choose",      "ui.keys.pause",      "ui.keys.card",
    "ui.keys.size",        "ui.keys.help",       "ui.keys.next_part",
    "ui.question.skip",    "ui.question.keys",   "ui.question.keys_vr",
});
static_assert(kKeys.size() == std::size_t(UiText::questionKeysVr) + 1, "one key per UiText");

}  // namespace

std::string_view uiText(UiText text, Language language) { return tr(kKeys[std::size_t(text)], language); }

}  // namespace overum::ui
