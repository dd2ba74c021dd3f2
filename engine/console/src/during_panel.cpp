// SPDX-License-Identifier: GPL-3.0-or-later
// The During panel: the scenario graph with the current node and the path so far, the current line
// and the citizen's options, the meeting controls, each character's mood and gestures, difficulty,
// "sig en replik", the headset timer, notes and bookmarks, and the (privacy-aware) statement.
//
// Sections: helpers · node list (shared with After) · line and options · meeting controls ·
// characters · difficulty · say a line · timer · notes · statement view (shared with Before) ·
// layout (with the mirror of the citizen's view when the host hands one over)
#include "panels.h"

#include <overum/console/timeline.h>
#include <overum/core/format.h>
#include <overum/core/strings.h>

#include <imgui_stdlib.h>

#include <algorithm>
#include <iterator>

namespace overum::console {
namespace {

using Kind = ConsoleAction::Kind;
using meeting::Phase;

// The few gestures worth one click while the meeting runs (all of them would crowd it).
constexpr Gesture kQuickGestures[] = {Gesture::nod, Gesture::smile, Gesture::shakeHead, Gesture::leanIn,
                                      Gesture::lookAtPapers};

std::string trKey(std::string_view prefix, std::string_view id) {
  std::string key(prefix);
  key += id;
  return key;
}

// tr() for a vocabulary word ("console.mood.travl"); the raw word when the table lacks it.
std::string_view word(std::string_view prefix, std::string_view id) {
  const std::string key = trKey(prefix, id);
  return hasKey(key) ? tr(key) : id;
}

// Whom a character looks at, as the facilitator says it: a name, "borgeren", "bordet" or "ingen".
std::string lookTargetName(const meeting::Director& d, const meeting::GazeTarget& target) {
  if (target.kind == meeting::GazeTarget::Kind::character)
    for (const meeting::CharacterState& other : d.characters())
      if (other.id == target.characterId) return other.name;
  return std::string(word("console.look.", meeting::wordOf(target)));
}

const ImVec4 kCurrentColour(1.0f, 0.85f, 0.3f, 1.0f);
const ImVec4 kVisitedColour(0.6f, 0.85f, 0.6f, 1.0f);
const ImVec4 kNoticeColour(1.0f, 0.8f, 0.45f, 1.0f);

}  // namespace

// ---- helpers ---------------------------------------------------------------------------------------

std::string Panels::currentDifficulty() const {
  if (in.director)
    if (const scenario::Value* v = in.director->runner().variable("svaerhed"); v && v->type == scenario::Type::String)
      return v->asString();
  return in.setup.difficulty;
}

// ---- node list ---------------------------------------------------------------------------------------

// Every node with where it leads; the current one marked, those visited marked. Selecting a node sets
// the target of "Spring til det valgte punkt" (During) or "Start igen fra …" (After).
void Panels::nodeList(bool forRestart) {
  if (!in.director) {
    textWrapped(tr("console.no_meeting"));
    return;
  }
  const scenario::Program& program = in.director->runner().program();
  const std::string_view current = in.director->currentNode();
  const std::vector<std::string> path = pathTaken(in.log);
  const auto jumps = program.jumps();
  for (std::uint32_t i = 0; i < program.nodes.size(); ++i) {
    const std::string& title = program.nodes[i].title;
    const bool isCurrent = title == current && in.director->phase() != Phase::notStarted;
    const bool visited = std::find(path.begin(), path.end(), title) != path.end();
    std::string shown = isCurrent ? "\u25B6 " : visited ? "\u2022 " : "   ";
    shown += program.heading(title);
    if (isCurrent) shown += format(" ({})", tr("console.node.current"));
    std::string leadsTo;
    for (const auto& [from, to] : jumps)
      if (from == i) leadsTo += (leadsTo.empty() ? "" : ", ") + std::string(program.heading(program.nodes[to].title));
    if (!leadsTo.empty()) shown += "  \u2192 " + leadsTo;
    shown += "###node." + title;
    if (isCurrent) ImGui::PushStyleColor(ImGuiCol_Text, kCurrentColour);
    else if (visited) ImGui::PushStyleColor(ImGuiCol_Text, kVisitedColour);
    if (ImGui::Selectable(shown.c_str(), ui.selectedNode == title)) ui.selectedNode = title;
    if (isCurrent || visited) ImGui::PopStyleColor();
    track("node." + title);
  }
  const bool known = program.findNode(ui.selectedNode) >= 0;
  if (forRestart) {
    if (button("console.restart_from", "restartFrom", known)) emit(act(Kind::restartFrom).target(ui.selectedNode));
  } else {
    if (button("console.jump_to", "jumpTo", known)) emit(act(Kind::jumpTo).target(ui.selectedNode));
  }
  ImGui::SameLine();
  text(known ? program.heading(ui.selectedNode) : tr("console.node.choose"));
}

namespace {

// ---- line and options --------------------------------------------------------------------------------

void lineAndOptions(Panels& p, const meeting::Director& d) {
  heading("console.now");
  std::string phase(meeting::phaseName(d.phase()));  // "not started" -> key "console.phase.not_started"
  std::replace(phase.begin(), phase.end(), ' ', '_');
  text(format("{} {}", tr("console.phase"), word("console.phase.", phase)));
  if (d.interjecting()) text(tr("console.interjecting"));
  if (d.caption()) {
    const meeting::Caption& c = *d.caption();
    textWrapped(p.redact(c.speaker.empty() ? c.text : format("{}: {}", c.speaker, c.text)));
  }
  if (!d.options().empty()) {
    text(tr("console.options"));
    // The citizen may answer in their own words: the facilitator picks the option that fits.
    if (p.in.voiceDetected) textWrapped(tr("console.options.spoken"));
    for (std::size_t i = 0; i < d.options().size(); ++i) {
      const meeting::OptionCard& o = d.options()[i];
      const std::string name = format("option.{}", i);
      std::string shown = format("{}. {}", i + 1, p.redact(o.text));
      if (!o.available) shown += format(" ({})", tr("console.option.unavailable"));
      ImGui::BeginDisabled(!o.available);
      const bool clicked = ImGui::Button((shown + "###" + name).c_str());
      ImGui::EndDisabled();
      p.track(name, o.available);
      if (clicked && o.available) p.emit(act(Kind::chooseOption).index(static_cast<int>(i)));
    }
  }
  const bool citizensTurn = d.phase() == Phase::statement || d.phase() == Phase::listening;
  if (p.button("console.finish_turn", "finishTurn", citizensTurn)) p.emit(Kind::finishTurn);
}

// ---- meeting controls --------------------------------------------------------------------------------

// Pause and the pause room are always enabled: the safe way out must never be greyed.
void meetingControls(Panels& p, const meeting::Director* d) {
  heading("console.controls");
  const bool paused = p.in.onHold || (d && d->phase() == Phase::paused);
  const ImVec2 big(0.0f, ImGui::GetFrameHeight() * 1.6f);  // the safe way out is the easiest target
  if (p.button("console.pause_here", "pause", true, big)) p.emit(Kind::pause);
  ImGui::SetItemDefaultFocus();  // the first thing keyboard navigation lands on is the way out
  ImGui::SameLine();
  if (p.button("console.pause_room", "pauseRoom", true, big)) p.emit(Kind::pauseRoom);
  ImGui::SameLine();
  if (p.button("common.resume", "resume", paused, big)) p.emit(Kind::resume);
  if (p.button("console.skip_line", "skipLine", d != nullptr)) p.emit(Kind::skipLine);
  ImGui::SameLine();
  if (p.button("console.repeat_line", "repeatLine", d && d->canRepeatLine())) p.emit(Kind::repeatLine);
  ImGui::SameLine();
  // The hardest moment, as the facilitator sees it: the citizen says how uneasy they are (0–10); only asked
  // when the answer is kept (the consent to notes and timeline), so greyed out otherwise.
  if (p.button("console.ask_suds", "askHowYouFeel", d != nullptr && p.in.answersKept)) p.emit(Kind::askHowYouFeel);
  ImGui::SameLine(0.0f, ImGui::GetFontSize() * 3.0f);  // ending sits apart from the everyday buttons
  if (p.button("console.end", "endMeeting", d != nullptr)) p.emit(Kind::endMeeting);
}

// ---- characters --------------------------------------------------------------------------------------

// One block per character: name and gaze, the mood list, then gestures wrapping to the column's
// width (at 125 % a single row of them no longer fits beside the mood list).
void characters(Panels& p, const meeting::Director& d) {
  heading("console.characters");
  const ImGuiStyle& style = ImGui::GetStyle();
  for (const meeting::CharacterState& c : d.characters()) {
    ImGui::PushID(c.id.c_str());
    text(c.name);
    if (c.speaking) {
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, kCurrentColour);
      text(tr("console.character.speaking"));
      ImGui::PopStyleColor();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s %s", std::string(tr("console.character.looks_at")).c_str(),
                        lookTargetName(d, c.lookAt).c_str());

    text(tr("console.mood"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    const std::string moodName = "mood." + c.id;
    const std::string preview(word("console.mood.", meeting::wordOf(c.mood)));
    const bool open = ImGui::BeginCombo(("###" + moodName).c_str(), preview.c_str());
    p.track(moodName);
    if (open) {
      for (std::size_t i = 0; i < kMoodCount; ++i) {
        const Mood mood = Mood(i);
        const std::string moodWord(meeting::wordOf(mood));
        const std::string itemName = moodName + "." + moodWord;
        if (ImGui::Selectable((std::string(word("console.mood.", moodWord)) + "###" + itemName).c_str(),
                              c.mood == mood))
          p.emit(act(Kind::setMood).target(c.id).text(moodWord));
        p.track(itemName);
      }
      ImGui::EndCombo();
    }

    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    bool first = true;
    for (const Gesture gesture : kQuickGestures) {
      const std::string g(meeting::wordOf(gesture));
      const std::string shown(word("console.gesture.", g));
      const float width = ImGui::CalcTextSize(shown.c_str()).x + style.FramePadding.x * 2.0f;
      if (!first && ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) ImGui::SameLine();
      first = false;
      const std::string name = "gesture." + c.id + "." + g;
      if (ImGui::Button((shown + "###" + name).c_str())) p.emit(act(Kind::gesture).target(c.id).text(g));
      p.track(name);
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
}

// ---- difficulty --------------------------------------------------------------------------------------

void difficulty(Panels& p) {
  heading("console.difficulty");
  const std::string current = p.currentDifficulty();
  const auto begin = std::begin(kDifficulties), end = std::end(kDifficulties);
  const auto at = std::find_if(begin, end, [&](const char* d) { return current == d; });
  const int index = at == end ? 1 : static_cast<int>(at - begin);
  const int last = static_cast<int>(std::size(kDifficulties)) - 1;
  if (p.button("console.difficulty.down", "difficulty.down", index > 0))
    p.emit(act(Kind::difficultyDown).text(kDifficulties[index - 1]));
  for (int i = 0; i <= last; ++i) {
    ImGui::SameLine();
    const std::string name = std::string("difficulty.") + kDifficulties[i];
    const std::string shown = label(trKey("console.difficulty.", kDifficulties[i]), name);
    if (ImGui::RadioButton(shown.c_str(), i == index) && i != index)
      p.emit(act(Kind::setDifficulty).text(kDifficulties[i]));
    p.track(name);
  }
  ImGui::SameLine();
  if (p.button("console.difficulty.up", "difficulty.up", index < last))
    p.emit(act(Kind::difficultyUp).text(kDifficulties[index + 1]));
}

// ---- say a line --------------------------------------------------------------------------------------

void sayALine(Panels& p, const meeting::Director& d) {
  heading("console.say");
  const auto& cast = d.characters();
  if (cast.empty()) return;
  std::size_t& who = p.ui.sayWho;
  if (who >= cast.size()) who = 0;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  const bool open = ImGui::BeginCombo(label("console.say.who", "say.who").c_str(), cast[who].name.c_str());
  p.track("say.who");
  if (open) {
    for (std::size_t i = 0; i < cast.size(); ++i) {
      const std::string name = "say.who." + cast[i].id;
      if (ImGui::Selectable((cast[i].name + "###" + name).c_str(), i == who)) who = i;
      p.track(name);
    }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 6.0f);
  const bool entered = ImGui::InputTextWithHint("###say.text", std::string(tr("console.say.hint")).c_str(),
                                                &p.ui.sayText, ImGuiInputTextFlags_EnterReturnsTrue);
  p.track("say.text");
  ImGui::SameLine();
  const bool hasText = p.ui.sayText.find_first_not_of(" \t\n") != std::string::npos;
  const bool clicked = p.button("console.say.send", "say.send", hasText);
  if ((clicked || entered) && hasText) {
    p.emit(act(Kind::sayLine).target(cast[who].id).text(p.ui.sayText));
    p.ui.sayText.clear();
  }
}

// ---- timer -------------------------------------------------------------------------------------------

void timer(Panels& p) {
  heading("console.time");
  text(format("{} {}", tr("console.time.meeting"), clockText(p.in.now)));
  if (p.in.headset == HeadsetState::none) return;  // no headset, so no time in it and no break reminder for it
  text(format("{} {}", tr("console.time.headset"), clockText(p.in.headsetSeconds)));
  const ConsoleConfig& config = p.console.config();
  const bool due = p.in.headsetSeconds >= config.reminderAfterSeconds && p.in.headsetSeconds >= p.ui.snoozedUntil &&
                   p.in.headset != HeadsetState::notWorn;
  if (!due) return;
  ImGui::PushStyleColor(ImGuiCol_Text, kNoticeColour);
  textWrapped(format(tr("console.reminder"), static_cast<int>(p.in.headsetSeconds / 60.0)));
  ImGui::PopStyleColor();
  if (p.button("console.reminder.snooze", "reminder.snooze"))
    p.ui.snoozedUntil = p.in.headsetSeconds + config.reminderSnoozeSeconds;
}

// ---- notes -------------------------------------------------------------------------------------------

void notes(Panels& p) {
  heading("console.notes");
  ImGui::SetNextItemWidth(-FLT_MIN);
  const bool entered = ImGui::InputTextWithHint("###note.text", std::string(tr("console.note.hint")).c_str(),
                                                &p.ui.noteText, ImGuiInputTextFlags_EnterReturnsTrue);
  p.track("note.text");
  const bool hasText = p.ui.noteText.find_first_not_of(" \t\n") != std::string::npos;
  if ((p.button("console.note.add", "note.add", hasText) || entered) && hasText) {
    p.emit(act(Kind::addNote).text(p.ui.noteText).time(p.in.now).on(p.ui.shareNote));
    p.ui.noteText.clear();
    p.ui.shareNote = false;  // sharing is chosen note by note
  }
  ImGui::SameLine();
  // A bookmark takes what is in the note field as its short label ("svært spørgsmål"), if anything.
  if (p.button("console.bookmark", "bookmark")) {
    p.emit(act(Kind::addBookmark).text(hasText ? p.ui.noteText : std::string()).time(p.in.now));
    p.ui.noteText.clear();
  }
  // Notes are the facilitator's own; one marked here also goes into the citizen's report.
  ImGui::Checkbox(label("console.note.share", "note.share").c_str(), &p.ui.shareNote);
  p.track("note.share");
  for (const session::Note& n : p.in.notes) {
    std::string shown = n.bookmark ? std::string(tr("console.bookmark.row")) : p.redact(n.text);
    if (n.bookmark && !n.text.empty()) shown += ": " + p.redact(n.text);
    if (n.shared) shown += format(" ({})", tr("console.note.shared"));
    textWrapped(format("{}  {}", clockText(n.time), shown));
  }
}

}  // namespace

// ---- statement view ----------------------------------------------------------------------------------

// The statement's text is personal: with privacy on, none of it reaches ImGui at all (not even as
// hidden or masked text), so nothing of it is in any draw list.
void Panels::statementView(bool editable) {
  static constexpr const char* kPartKeys[] = {"statement.intro", "statement.important", "statement.help",
                                              "statement.so_that"};
  if (in.privacy) {
    textWrapped(tr("console.statement.hidden"));
    return;
  }
  if (!editable) {
    if (!in.statement) {
      text(tr("console.statement.none"));
      return;
    }
    if (!in.statement->name.empty()) text(format("{} {}", tr("console.statement.name"), in.statement->name));
    for (std::size_t i = 0; i < 4; ++i) {
      ImGui::TextDisabled("%s", std::string(tr(kPartKeys[i])).c_str());
      textWrapped(in.statement->parts[i]);
    }
    return;
  }
  // Editable (Before): buffers follow the host's statement except while being typed into.
  const session::Statement empty;
  const session::Statement& s = in.statement ? *in.statement : empty;
  // A buffer follows the host's text unless it was being typed into last frame: on the frame the
  // field is left, its edit must survive to be emitted even though another field is active by then.
  std::string& name = ui.nameBuffer;
  if (!ui.editing[0]) name = s.name;
  text(tr("console.statement.name"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  ImGui::InputText("###statement.name", &name);
  track("statement.name");
  ui.editing[0] = ImGui::IsItemActive();
  if (ImGui::IsItemDeactivatedAfterEdit()) emit(act(Kind::setStatementName).text(name));
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string id = format("statement.part{}", i);
    text(tr(kPartKeys[i]));
    std::string& buffer = ui.partBuffers[i];
    if (!ui.editing[i + 1]) buffer = s.parts[i];
    ImGui::InputTextMultiline(("###" + id).c_str(), &buffer, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 3.5f));
    track(id);
    ui.editing[i + 1] = ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit()) emit(act(Kind::setStatementPart).text(buffer).index(static_cast<int>(i)));
  }
}

// ---- layout ------------------------------------------------------------------------------------------

void Panels::during() {
  const meeting::Director* d = in.director;
  if (!ImGui::BeginTable("during", 3, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableSetupColumn("graph", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableSetupColumn("meeting", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("side", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableNextRow();

  ImGui::TableNextColumn();
  heading("console.graph");
  nodeList(false);
  heading("console.path");
  const std::vector<std::string> path = pathTaken(in.log);
  std::string joined;
  for (const std::string& node : path)
    joined += (joined.empty() ? "" : " \u2192 ") + (d ? std::string(d->runner().program().heading(node)) : node);
  textWrapped(path.empty() ? tr("console.path.empty") : std::string_view(joined));

  ImGui::TableNextColumn();
  meetingControls(*this, d);
  if (d) {
    // A fixed height, so the controls below do not move under the mouse when options come and go.
    // Padding, not a child window: arrow-key navigation stays in one window.
    const float top = ImGui::GetCursorPosY();
    lineAndOptions(*this, *d);
    const float used = ImGui::GetCursorPosY() - top;
    const float reserved = ImGui::GetTextLineHeightWithSpacing() * 13.0f;
    if (used < reserved) ImGui::Dummy(ImVec2(0.0f, reserved - used - ImGui::GetStyle().ItemSpacing.y));
    characters(*this, *d);
  }
  difficulty(*this);
  if (d) sayALine(*this, *d);

  ImGui::TableNextColumn();
  if (in.mirror && in.mirrorAspect > 0.0f) {
    heading("console.mirror");
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(width, width / in.mirrorAspect));  // the host puts the picture here
    track("mirror");
  }
  timer(*this);
  notes(*this);
  heading("console.statement");
  statementView(false);

  ImGui::EndTable();
}

}  // namespace overum::console
