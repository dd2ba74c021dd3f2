// SPDX-License-Identifier: GPL-3.0-or-later
// A facilitator's actions written down beforehand (see facilitator_script.h).
#include "facilitator_script.h"

#include <overum/core/files.h>
#include <overum/core/format.h>
#include <overum/core/utf8.h>

#include <algorithm>
#include <charconv>

namespace overum::app {
namespace {

using Kind = console::ConsoleAction::Kind;

// What follows an action's name: a character and a word, a character and free text, a node, a number, free text.
enum class Words : std::uint8_t { none, targetAndWord, targetAndText, target, index, text, wordAndNumber };

Words wordsOf(Kind kind) {
  switch (kind) {
    case Kind::setMood:
    case Kind::gesture: return Words::targetAndWord;
    case Kind::sayLine: return Words::targetAndText;
    case Kind::jumpTo:
    case Kind::startReplay: return Words::target;
    case Kind::replayControl: return Words::wordAndNumber;
    case Kind::chooseOption: return Words::index;
    case Kind::setDifficulty:
    case Kind::addNote:
    case Kind::addBookmark: return Words::text;
    default: return Words::none;
  }
}

bool scriptable(Kind kind) {
  switch (kind) {
    case Kind::pause:
    case Kind::resume:
    case Kind::pauseRoom:
    case Kind::skipLine:
    case Kind::repeatLine:
    case Kind::jumpTo:
    case Kind::endMeeting:
    case Kind::chooseOption:
    case Kind::finishTurn:
    case Kind::setMood:
    case Kind::gesture:
    case Kind::setDifficulty:
    case Kind::sayLine:
    case Kind::addNote:
    case Kind::addBookmark:
    case Kind::askHowYouFeel:
    case Kind::startReplay:
    case Kind::replayControl: return true;
    default: return false;
  }
}

// The actions a script can take, by name, for the message that names them.
std::string scriptableNames() {
  std::string names;
  for (int k = 0; k <= int(Kind::replayControl); ++k)
    if (scriptable(Kind(k))) names += (names.empty() ? "" : ", ") + std::string(console::kindName(Kind(k)));
  return names;
}

// The next word of `rest`, which loses it.
std::string_view word(std::string_view& rest) {
  rest = trimSpace(rest);
  const std::size_t end = std::min(rest.find_first_of(" \t"), rest.size());
  const std::string_view w = rest.substr(0, end);
  rest = trimSpace(rest.substr(end));
  return w;
}

}  // namespace

FacilitatorScript parseFacilitatorScript(std::string_view text, std::string_view fileName) {
  FacilitatorScript out;
  int lineNumber = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view rest = trimSpace(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    ++lineNumber;
    if (rest.empty() || rest.front() == '#') continue;
    auto fail = [&](std::string what) {
      out.error = format("{}:{}: {}", fileName, lineNumber, what);
      out.actions.clear();
      return out;
    };
    const std::string_view secondsText = word(rest);
    double at = -1.0;
    const auto [stop, ec] = std::from_chars(secondsText.data(), secondsText.data() + secondsText.size(), at);
    if (ec != std::errc() || stop != secondsText.data() + secondsText.size() || at < 0.0)
      return fail(
          format("\"{}\" is not a time; begin the line with the seconds into the meeting, e.g. 20", secondsText));
    const std::string_view name = word(rest);
    const auto kind = console::kindNamed(name);
    if (!kind || !scriptable(*kind))
      return fail(format("\"{}\" is not an action a script can take; write one of {}", name, scriptableNames()));
    console::ConsoleAction a;
    a.kind = *kind;
    a.time = at;
    switch (wordsOf(*kind)) {
      case Words::targetAndWord:
        a.target = word(rest);
        a.text = word(rest);
        if (a.text.empty())
          return fail(format("{} needs a character's id and a word, e.g. {} sagsbehandler ...", name, name));
        break;
      case Words::targetAndText:
        a.target = word(rest);
        a.text = rest;
        if (a.text.empty()) return fail(format("{} needs a character's id and the words to say", name));
        break;
      case Words::target:
        a.target = word(rest);
        if (a.target.empty()) return fail(format("{} needs a node's title", name));
        break;
      case Words::index: {
        const std::string_view n = word(rest);
        int option = 0;
        const auto [p, e] = std::from_chars(n.data(), n.data() + n.size(), option);
        if (e != std::errc() || p != n.data() + n.size() || option < 1)
          return fail(format("{} needs the option's number, 1 for the first", name));
        a.index = option - 1;
        break;
      }
      case Words::wordAndNumber: {
        a.text = word(rest);
        const std::string_view n = word(rest);
        if (!n.empty() && std::from_chars(n.data(), n.data() + n.size(), a.index).ec != std::errc())
          return fail(format("\"{}\" is not a number", n));
        if (a.text.empty())
          return fail(format("{} needs what to do: play, back, forward, next, speed N, seat N or stop", name));
        break;
      }
      case Words::text: a.text = rest; break;
      case Words::none: break;
    }
    out.actions.push_back({at, std::move(a)});
  }
  std::stable_sort(out.actions.begin(), out.actions.end(), [](const auto& x, const auto& y) { return x.at < y.at; });
  return out;
}

FacilitatorScript readFacilitatorScript(const std::filesystem::path& file) {
  std::string why;
  const auto text = readTextFile(file, &why);
  if (!text) return {{}, format("{}; check the path given to --facilitator", why)};
  return parseFacilitatorScript(*text, file.string());
}

std::vector<console::ConsoleAction> ScriptedFacilitator::due(double now) {
  std::vector<console::ConsoleAction> out;
  for (; next_ < actions_.size() && actions_[next_].at <= now; ++next_) {
    out.push_back(actions_[next_].action);
    out.back().time = now;
  }
  return out;
}

}  // namespace overum::app
