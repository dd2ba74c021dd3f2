// SPDX-License-Identifier: GPL-3.0-or-later
// After: the citizen's progress over sessions as small charts (the same ones as the export page's), drawn
// with ImGui's draw list: calm colours, the sessions' dates, no scores; hover a chart for its figures.
#include "panels.h"

#include <overum/core/format.h>
#include <overum/core/strings.h>
#include <overum/session/progress.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace overum::console {
namespace {

using session::ProgressChart;

// Calm on the dark console: grey-blue for "before", soft green for "after" or a lone series; never red.
constexpr ImU32 kBefore = IM_COL32(150, 178, 205, 255);
constexpr ImU32 kAfter = IM_COL32(118, 196, 158, 255);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 40);
constexpr float kMinChartWidth = 17.0f;  // in font heights: narrower columns get fewer charts a row

ImU32 colourOf(const session::ChartSeries& s) { return s.hollow ? kBefore : kAfter; }

// The figures of the session nearest the mouse, as a tooltip.
void tooltip(const ProgressChart& c, float left, float right) {
  const float t = (ImGui::GetIO().MousePos.x - left) / std::max(1.0f, right - left);
  const std::size_t n = c.dates.size();
  std::size_t nearest = 0;
  for (std::size_t i = 1; i < n; ++i)
    if (std::abs(session::chartX(i, n) - t) < std::abs(session::chartX(nearest, n) - t)) nearest = i;
  ImGui::BeginTooltip();
  text(session::shortDate(c.dates[nearest], language()));
  for (const session::ChartSeries& s : c.series) {
    if (!s.values[nearest]) continue;
    const std::string value = session::chartNumber(*s.values[nearest], c.wholeNumbers, language());
    text(s.labelKey.empty() ? value : format("{} {}", tr(s.labelKey), value));
  }
  ImGui::EndTooltip();
}

void plot(const ProgressChart& c) {
  const float font = ImGui::GetFontSize();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, font * 6.5f);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 ink = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float left = p0.x + font * 2.2f, right = p0.x + size.x - font * 1.8f;  // room for half a date
  const float top = p0.y + font * 0.6f, bottom = p0.y + size.y - font * 1.6f;
  const std::size_t n = c.dates.size();
  const auto x = [&](std::size_t i) { return left + (right - left) * float(session::chartX(i, n)); };
  const auto y = [&](double v) { return bottom - (bottom - top) * float(session::chartY(c, v)); };
  for (const double v : {c.yMin, c.yMax}) {
    draw->AddLine({left, y(v)}, {right, y(v)}, kGrid);
    const std::string label = session::chartNumber(v, true, language());
    draw->AddText({left - font * 0.4f - ImGui::CalcTextSize(label.c_str()).x, y(v) - font * 0.5f}, ink, label.c_str());
  }
  for (std::size_t i = 0, every = session::chartDateStep(n); i < n; ++i) {
    if (i % every != 0 && i + 1 != n) continue;
    const std::string date = session::shortDate(c.dates[i], language());
    draw->AddText({x(i) - 0.5f * ImGui::CalcTextSize(date.c_str()).x, bottom + font * 0.4f}, ink, date.c_str());
  }
  for (const session::ChartSeries& s : c.series) {
    std::optional<std::size_t> last;  // the line goes across a session without a value, as the page's does
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!s.values[i]) continue;
      if (last) draw->AddLine({x(*last), y(*s.values[*last])}, {x(i), y(*s.values[i])}, colourOf(s), 2.0f);
      last = i;
    }
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!s.values[i]) continue;
      const ImVec2 at(x(i), y(*s.values[i]));
      draw->AddCircleFilled(at, font * 0.3f, s.hollow ? ImGui::GetColorU32(ImGuiCol_WindowBg) : colourOf(s));
      draw->AddCircle(at, font * 0.3f, colourOf(s), 0, 2.0f);
    }
  }
  if (ImGui::IsItemHovered()) tooltip(c, left, right);
}

// The title, the unit (quietly), a legend when there are two series, then the chart; with one session's
// figures, the sentence the export page uses instead.
void chart(const ProgressChart& c) {
  textWrapped(tr(c.titleKey));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
  textWrapped(tr(c.unitKey));
  ImGui::PopStyleColor();
  if (c.sessionsWithData() < 2) {
    textWrapped(session::chartSentence(c, language()));
    return;
  }
  for (const session::ChartSeries& s : c.series) {
    if (s.labelKey.empty()) continue;
    const float font = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 centre(at.x + font * 0.35f, at.y + font * 0.55f);
    draw->AddCircleFilled(centre, font * 0.3f, s.hollow ? ImGui::GetColorU32(ImGuiCol_WindowBg) : colourOf(s));
    draw->AddCircle(centre, font * 0.3f, colourOf(s), 0, 2.0f);
    ImGui::Dummy({font * 0.8f, font});
    ImGui::SameLine();
    text(tr(s.labelKey));
    ImGui::SameLine(0.0f, font);
  }
  ImGui::NewLine();
  plot(c);
}

}  // namespace

void Panels::progress() {
  heading("console.progress");
  const std::vector<ProgressChart> charts = session::progressCharts(in.progress);
  if (charts.empty()) {
    textWrapped(tr("console.progress.none"));
    return;
  }
  const float width = ImGui::GetContentRegionAvail().x;
  const int columns = std::clamp(int(width / (kMinChartWidth * ImGui::GetFontSize())), 1, 3);
  if (!ImGui::BeginTable("progress", columns, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) return;
  for (const ProgressChart& c : charts) {
    ImGui::TableNextColumn();
    ImGui::PushID(c.titleKey.data(), c.titleKey.data() + c.titleKey.size());
    chart(c);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace overum::console
