// SPDX-License-Identifier: GPL-3.0-or-later
// The console window: a status strip (headset, microphone, privacy) over three tabs, Før / Under /
// Efter, that follow the host's stage; plus the widget helpers shared by the panels.
#include "panels.h"

#include <overum/core/strings.h>

#include <imgui_internal.h>  // GetItemID, LastItemData: where a control was drawn

namespace overum::console {

std::string label(std::string_view key, std::string_view id) {
  std::string s(tr(key));
  s += "###";
  s += id;
  return s;
}

void text(std::string_view s) { ImGui::TextUnformatted(s.data(), s.data() + s.size()); }

void textWrapped(std::string_view s) {
  ImGui::PushTextWrapPos(0.0f);
  text(s);
  ImGui::PopTextWrapPos();
}

void heading(std::string_view key) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.60f, 0.80f, 1.0f, 1.0f));
  text(tr(key));
  ImGui::PopStyleColor();
  ImGui::Separator();
}

void Panels::track(std::string_view name, bool enabled) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  console.controls_.insert_or_assign(std::string(name), ControlInfo{a.x, a.y, b.x, b.y, ImGui::GetItemID(), enabled});
}

bool Panels::button(std::string_view key, std::string_view name, bool enabled, ImVec2 size) {
  ImGui::BeginDisabled(!enabled);
  const bool clicked = ImGui::Button(label(key, name).c_str(), size);
  ImGui::EndDisabled();
  track(name, enabled);
  return clicked && enabled;
}

std::string Panels::redact(std::string_view text) const {
  std::string out(text);
  if (!in.privacy || !in.statement) return out;
  const std::string_view hidden = tr("console.privacy.redacted");
  auto blank = [&](std::string_view secret) {
    // Lines quote a part mid-sentence, so its closing full stop or newline is not part of the match.
    while (!secret.empty() && (secret.back() == ' ' || secret.back() == '\n' || secret.back() == '.'))
      secret.remove_suffix(1);
    if (secret.size() < 2) return;  // a single letter would blank half the caption and protect nothing
    for (std::size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at + hidden.size()))
      out.replace(at, secret.size(), hidden);
  };
  for (const std::string& part : in.statement->parts) {
    blank(session::spokenText(part));  // as the lines quote it
    blank(part);                       // as written (the cue card)
  }
  blank(in.statement->name);
  return out;
}

Console::Console(ConsoleConfig config) : config_(config) {}

namespace {

// Headset and microphone: always visible, in words and colour (never colour alone).
void statusStrip(Panels& p) {
  const ConsoleInput& in = p.in;
  const char* headsetKey = in.headset == HeadsetState::focused ? "console.headset.focused"
                           : in.headset == HeadsetState::lost  ? "console.headset.lost"
                                                               : "console.headset.not_worn";
  const ImVec4 colour = in.headset == HeadsetState::focused ? ImVec4(0.4f, 0.9f, 0.4f, 1.0f)
                        : in.headset == HeadsetState::lost  ? ImVec4(1.0f, 0.6f, 0.2f, 1.0f)
                                                            : ImVec4(0.7f, 0.7f, 0.7f, 1.0f);
  if (in.headset != HeadsetState::none) {
    text(tr("console.headset"));
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text(tr(headsetKey));
    ImGui::PopStyleColor();
    ImGui::SameLine(0.0f, ImGui::GetFontSize() * 2.0f);
  }
  text(tr("console.mic"));
  ImGui::SameLine();
  if (!in.microphoneOn) {
    text(tr("console.mic.off"));
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.4f, 0.9f, 0.4f, 1.0f));
    text(tr(in.voiceDetected ? "console.mic.voice" : "console.mic.on"));
    ImGui::PopStyleColor();
  }

  ImGui::SameLine(0.0f, ImGui::GetFontSize() * 2.0f);
  if (p.button(in.privacy ? "console.privacy.off" : "console.privacy.on", "privacy"))
    p.emit(ConsoleAction::Kind::togglePrivacy);
  if (in.privacy) {
    ImGui::SameLine();
    text(tr("console.privacy.active"));
  }
}

// A storage failure is the facilitator's decision at once: the meeting waits until they choose.
void storageAlert(Panels& p) {
  if (p.in.storageProblem.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.45f, 1.0f));
  textWrapped(p.in.storageProblem);
  ImGui::PopStyleColor();
  if (p.button("console.storage.go_on", "storage.goOn")) p.emit(ConsoleAction::Kind::resume);
  ImGui::SameLine();
  if (p.button("console.end", "storage.end", p.in.director != nullptr)) p.emit(ConsoleAction::Kind::endMeeting);
}

}  // namespace

std::vector<ConsoleAction> Console::draw(const ConsoleInput& in) {
  std::vector<ConsoleAction> out;
  controls_.clear();
  Panels p{*this, ui_, in, out};

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // Focus once so keyboard navigation starts in the console without a mouse click.
  if (firstFrame_) ImGui::SetNextWindowFocus();
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration & ~ImGuiWindowFlags_NoScrollbar;
  if (ImGui::Begin("###overum_console", nullptr, flags | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
    statusStrip(p);
    storageAlert(p);
    if (ImGui::BeginTabBar("stages")) {
      const bool follow = firstFrame_ || in.stage != lastStage_;
      struct Tab {
        const char* key;
        const char* id;
        Stage stage;
      };
      for (const Tab& tab :
           {Tab{"console.tab.before", "before", Stage::before}, Tab{"console.tab.during", "during", Stage::during},
            Tab{"console.tab.after", "after", Stage::after}}) {
        const ImGuiTabItemFlags tabFlags = follow && in.stage == tab.stage ? ImGuiTabItemFlags_SetSelected : 0;
        const bool open = ImGui::BeginTabItem(label(tab.key, tab.id).c_str(), nullptr, tabFlags);
        p.track(std::string("tab.") + tab.id);
        if (!open) continue;
        if (tab.stage == Stage::before) p.before();
        if (tab.stage == Stage::during) p.during();
        if (tab.stage == Stage::after) p.after();
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::End();
  lastStage_ = in.stage;
  firstFrame_ = false;
  return out;
}

}  // namespace overum::console
