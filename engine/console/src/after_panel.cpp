// SPDX-License-Identifier: GPL-3.0-or-later
// The After panel: the citizen's progress over sessions (progress_panel.cpp), the session's timeline (nodes,
// choices, the citizen's turns and how long they spoke, pauses, notes, bookmarks) to talk it through
// together, and "start igen fra" any node.
#include "panels.h"

#include <overum/console/timeline.h>
#include <overum/core/format.h>
#include <overum/core/strings.h>

#include <imgui_stdlib.h>

namespace overum::console {
namespace {

std::string_view kindKey(TimelineRow::Kind kind) {
  using K = TimelineRow::Kind;
  switch (kind) {
    case K::node: return "console.timeline.node";
    case K::line: return "console.timeline.line";
    case K::choice: return "console.timeline.choice";
    case K::statement: return "console.timeline.statement";
    case K::answer: return "console.timeline.answer";
    case K::pause: return "console.timeline.pause";
    case K::note: return "console.timeline.note";
    case K::bookmark: return "console.timeline.bookmark";
    case K::facilitator: return "console.timeline.facilitator";
    case K::hint: return "console.timeline.hint";
    case K::ended: return "console.timeline.ended";
  }
  return "";
}

std::string detail(const TimelineRow& row) {
  using K = TimelineRow::Kind;
  switch (row.kind) {
    case K::statement:
    case K::answer: return format(tr("console.timeline.spoke"), clockText(row.spoken), clockText(row.duration));
    case K::pause: return format(tr("console.timeline.lasted"), clockText(row.duration));
    case K::line: return format("{}: {}", row.who, row.text);
    case K::facilitator: return row.who.empty() ? row.text : format("{}: {}", row.who, row.text);
    case K::ended: return {};  // the director's reason is for the log, not the debrief
    default: return row.text;
  }
}

}  // namespace

void Panels::after() {
  if (!ImGui::BeginTable("after", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableSetupColumn("timeline", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("restart", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableNextRow();

  ImGui::TableNextColumn();
  if (!in.setup.citizen.empty()) progress();
  heading("console.timeline");
  ImGui::Checkbox(label("console.timeline.show_lines", "timeline.lines").c_str(), &ui.timelineLines);
  track("timeline.lines");
  const std::vector<TimelineRow> rows = buildTimeline(in.log, in.notes, in.now, ui.timelineLines);
  double spoken = 0.0;
  int turns = 0, pauses = 0;
  for (const TimelineRow& row : rows) {
    if (row.kind == TimelineRow::Kind::statement || row.kind == TimelineRow::Kind::answer) {
      spoken += row.spoken;
      ++turns;
    }
    if (row.kind == TimelineRow::Kind::pause) ++pauses;
  }
  if (turns > 0 || pauses > 0) textWrapped(format(tr("console.timeline.summary"), clockText(spoken), turns, pauses));
  if (rows.empty()) textWrapped(tr("console.timeline.empty"));
  else if (ImGui::BeginTable(
               "rows", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(std::string(tr("console.timeline.when")).c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(std::string(tr("console.timeline.what")).c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(std::string(tr("console.timeline.detail")).c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const TimelineRow& row = rows[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      text(clockText(row.time));
      ImGui::TableNextColumn();
      text(tr(kindKey(row.kind)));
      ImGui::TableNextColumn();
      const bool node = row.kind == TimelineRow::Kind::node && in.director;
      textWrapped(redact(node ? std::string(in.director->runner().program().heading(row.text)) : detail(row)));
      ImGui::TableNextColumn();
      const bool restartable = in.director && in.director->runner().program().findNode(row.text) >= 0;
      if (row.kind == TimelineRow::Kind::node && restartable) {
        const std::string name = format("timeline.restart.{}", i);
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Button(label("console.restart_here", name).c_str()))
          emit(act(ConsoleAction::Kind::restartFrom).target(row.text));
        track(name);
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }

  ImGui::TableNextColumn();
  if (in.replay || !in.setup.citizen.empty()) replay();
  if (!in.feedback.empty()) feedback();
  heading("console.graph");
  nodeList(true);
  if (!in.setup.citizen.empty()) exportData();

  ImGui::EndTable();
}

// The feedback the citizen will see in the calm room: a checkbox per sentence (unticked: hidden from
// the citizen), then "show it to the citizen"; once shown it stays as it was.
void Panels::feedback() {
  heading("console.feedback");
  textWrapped(tr(in.feedbackShown ? "console.feedback.shown" : "console.feedback.explain"));
  for (std::size_t i = 0; i < in.feedback.size(); ++i) {
    const FeedbackLine& line = in.feedback[i];
    if (in.feedbackShown && line.hidden) continue;
    const std::string name = format("feedback.{}", i);
    bool shown = !line.hidden;
    ImGui::PushID(static_cast<int>(i));
    if (in.feedbackShown) ImGui::BeginDisabled();
    if (ImGui::Checkbox("##show", &shown)) emit(act(ConsoleAction::Kind::hideFeedback).index(int(i)).on(!shown));
    if (in.feedbackShown) ImGui::EndDisabled();
    track(name);
    ImGui::SameLine();
    if (line.tryNext) text(tr("console.feedback.try"));
    if (line.tryNext) ImGui::SameLine();
    if (in.feedbackShown) {
      textWrapped(line.text);
    } else {
      // The facilitator may put a sentence in their own words before the citizen sees it.
      ui.feedbackWords.resize(in.feedback.size());
      std::string& words = ui.feedbackWords[i];
      if (ui.feedbackEditing != int(i)) words = line.text;
      ImGui::InputTextMultiline("##words", &words, ImVec2(-1.0f, ImGui::GetTextLineHeight() * 2.6f),
                                ImGuiInputTextFlags_NoHorizontalScroll);
      track(name + ".words");
      if (ImGui::IsItemActive()) ui.feedbackEditing = int(i);
      if (ImGui::IsItemDeactivated()) {
        ui.feedbackEditing = -1;
        if (!words.empty() && words != line.text)
          emit(act(ConsoleAction::Kind::editFeedback).index(int(i)).text(words));
      }
    }
    ImGui::PopID();
  }
  if (!in.feedbackShown && button("console.feedback.show", "feedback.show")) emit(ConsoleAction::Kind::showFeedback);
}

// The citizen's own copy of what is kept about them: one page, opened with a password they choose.
void Panels::exportData() {
  heading("console.export");
  textWrapped(tr("console.export.explain"));
  const char* hints[] = {"console.export.password", "console.export.again"};
  for (int i = 0; i < 2; ++i) {
    const std::string name = format("export.password{}", i);
    ImGui::InputTextWithHint(("###" + name).c_str(), std::string(tr(hints[i])).c_str(), &ui.exportPassword[i],
                             ImGuiInputTextFlags_Password);
    track(name);
  }
  const bool same = ui.exportPassword[0] == ui.exportPassword[1];
  const bool ready = same && ui.exportPassword[0].size() >= 8;
  if (button("console.export.write", "exportData", ready)) {
    emit(act(ConsoleAction::Kind::exportData).text(ui.exportPassword[0]));
    ui.exportPassword[0].clear();
    ui.exportPassword[1].clear();
  }
  if (!ready && !ui.exportPassword[0].empty()) text(tr(same ? "console.export.short" : "console.export.differ"));
  if (!in.setup.exported.empty()) textWrapped(in.setup.exported);
}

}  // namespace overum::console
