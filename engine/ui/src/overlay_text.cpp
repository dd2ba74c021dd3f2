// SPDX-License-Identifier: GPL-3.0-or-later
// The overlay's own words in Danish and English. They belong in core's string table; until it holds
// them they live here, next to the only code that shows them.
#include <overum/ui/overlay.h>

#include <array>

namespace overum::ui {
namespace {

struct Words {
  std::string_view da, en;
};

// Indexed by UiText, in its order.
constexpr std::array kWords = std::to_array<Words>({
    {"ikke muligt nu", "not possible now"},
    {"Mit statement", "My statement"},
    {"Sådan vil jeg introducere mig selv", "This is how I introduce myself"},
    {"Det er vigtigt for mig at…", "It is important to me that…"},
    {"Jeg vil gerne have hjælp til", "I would like help with"},
    {"Så jeg kan", "So that I can"},
    {"Mikrofon tændt", "Microphone on"},
    {"Jeg lytter", "Listening"},
    {"Færdig", "Done"},
    {"Pause", "Pause"},
    {"Tryk P for at fortsætte", "Press P to continue"},
    {"Tryk på menuknappen for at fortsætte", "Press the menu button to continue"},
    {"Mødet er slut", "The meeting is over"},
    {"Det var godt, at du øvede dig.", "It was good that you practised."},
    {"Nu taler du og facilitatoren om, hvordan det gik.", "Now you and the facilitator talk about how it went."},
    {"Det gik godt", "What went well"},
    {"Til næste gang", "For next time"},
    {"Pause – vi venter lidt", "Pause – we wait a moment"},
    {"Flere svar", "More answers"},
    {"Tasterne", "The keys"},
    {"Enter: færdig med at tale", "Enter: done speaking"},
    {"1–9 eller klik: vælg et svar", "1–9 or click: choose an answer"},
    {"P: pause", "P: pause"},
    {"C: vis eller skjul dit statement", "C: show or hide your statement"},
    {"+ og −: større eller mindre tekst", "+ and −: larger or smaller text"},
    {"F1: vis eller skjul tasterne", "F1: show or hide the keys"},
});
static_assert(kWords.size() == std::size_t(UiText::keyHelpHelp) + 1, "one entry per UiText");

}  // namespace

std::string_view uiText(UiText text, Language language) {
  const Words& w = kWords[std::size_t(text)];
  return language == Language::en && !w.en.empty() ? w.en : w.da;
}

}  // namespace overum::ui
