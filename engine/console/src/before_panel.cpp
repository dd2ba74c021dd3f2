// SPDX-License-Identifier: GPL-3.0-or-later
// The Before panel: choose the meeting, the difficulty and whether a bisidder sits in; write the
// citizen's statement in its four parts; explain in plain Danish what is kept, and take the separate
// consent choices (audio off unless chosen); withdrawing is one click and the host deletes.
#include "panels.h"

#include <overum/core/format.h>
#include <overum/core/strings.h>

namespace overum::console {

void Panels::before() {
  using Kind = ConsoleAction::Kind;
  if (!ImGui::BeginTable("before", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableSetupColumn("setup", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("statement", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableNextRow();

  ImGui::TableNextColumn();
  // An interrupted meeting comes first: the citizen may want to carry on where they were.
  for (const InterruptedMeeting& m : in.interrupted) {
    heading("console.interrupted");
    textWrapped(format(tr("console.interrupted.where"), m.meeting, m.at));
    if (button("console.interrupted.resume", "resume." + m.session)) emit(act(Kind::resumeSession).target(m.session));
    ImGui::SameLine();
    if (button("console.interrupted.close", "close." + m.session)) emit(act(Kind::closeSession).target(m.session));
  }
  heading("console.setup.meeting");
  if (in.meetings.empty()) textWrapped(tr("console.setup.no_meetings"));
  for (const MeetingChoice& m : in.meetings) {
    const std::string name = "meeting." + m.id;
    if (ImGui::RadioButton((m.title + "###" + name).c_str(), in.setup.meetingId == m.id) && in.setup.meetingId != m.id)
      emit(act(Kind::chooseMeeting).target(m.id));
    track(name);
  }

  heading("console.difficulty");
  for (const char* level : kDifficulties) {
    const std::string name = std::string("setup.difficulty.") + level;
    const std::string key = std::string("console.difficulty.") + level;
    if (ImGui::RadioButton(label(key, name).c_str(), in.setup.difficulty == level) && in.setup.difficulty != level)
      emit(act(Kind::setDifficulty).text(level));
    track(name);
  }

  heading("console.setup.cast");
  bool bisidder = in.setup.bisidder;
  if (ImGui::Checkbox(label("console.setup.bisidder", "bisidder").c_str(), &bisidder))
    emit(act(Kind::setBisidder).on(bisidder));
  track("bisidder");

  heading("console.consent");
  textWrapped(tr("console.consent.explain"));
  ImGui::Spacing();
  const bool canKeep = !in.setup.citizen.empty();
  if (!canKeep) textWrapped(tr("console.consent.no_citizen"));
  else text(format(tr("console.consent.citizen"), in.setup.citizen));
  ImGui::BeginDisabled(!canKeep);
  struct Choice {
    const char* key;
    const char* name;
    ConsentItem item;
    bool on;
  };
  const session::Consent& c = in.setup.consent;
  const Choice choices[] = {
      {"console.consent.statement", "consent.statement", ConsentItem::saveStatement, c.saveStatement},
      {"console.consent.notes", "consent.notes", ConsentItem::keepNotes, c.keepNotes},
      {"console.consent.audio", "consent.audio", ConsentItem::recordAudio, c.recordAudio},
  };
  for (const Choice& choice : choices) {
    bool on = choice.on;
    if (ImGui::Checkbox(label(choice.key, choice.name).c_str(), &on))
      emit(act(Kind::setConsent).index(static_cast<int>(choice.item)).on(on));
    track(choice.name);
  }
  ImGui::Spacing();
  textWrapped(tr("console.consent.withdraw_explain"));
  if (button("console.consent.withdraw", "consent.withdraw")) emit(Kind::withdrawConsent);
  ImGui::EndDisabled();

  ImGui::Spacing();
  ImGui::Separator();
  const bool ready = !in.setup.meetingId.empty();
  if (button("console.setup.start", "startMeeting", ready)) emit(Kind::startMeeting);
  if (!ready) {
    ImGui::SameLine();
    text(tr("console.setup.choose_first"));
  }

  ImGui::TableNextColumn();
  heading("console.statement");
  statementView(true);

  ImGui::EndTable();
}

}  // namespace overum::console
