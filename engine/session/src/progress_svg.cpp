// SPDX-License-Identifier: GPL-3.0-or-later
// The progress charts as SVG text; see progress_svg.h. Sections: escaping, the frame, the marks, the chart
// (title, unit, axis, dates, legend).
#include <overum/session/progress_svg.h>

#include <overum/core/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace overum::session {
namespace {

// Calm colours on the page's background (#fbfaf7): grey-blue for "before", green for "after" or a lone series.
constexpr std::string_view kInk = "#444", kGrid = "#e4e1da", kBefore = "#6f8fa8", kAfter = "#3f7f6a";
constexpr double kWidth = 360, kHeight = 216;
constexpr double kLeft = 40, kRight = 20, kTop = 48, kBottom = 56;  // the plot area's margins: title, dates, legend

// ---- escaping ----------------------------------------------------------------------------------------------

std::string escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Coordinates with one decimal; never NaN (a chart's values are finite, and the axis never has zero height).
std::string px(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", std::isfinite(v) ? v : 0.0);
  return buffer;
}

std::string textAt(double x, double y, std::string_view anchor, std::string_view size, std::string_view text) {
  return format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>\n", px(x), px(y),
                anchor, size, kInk, escaped(text));
}

// The plot area in the SVG's pixels.
struct Frame {
  const ProgressChart& chart;
  double x0 = kLeft, x1 = kWidth - kRight, y0 = kTop, y1 = kHeight - kBottom;
  double x(std::size_t i) const { return x0 + (x1 - x0) * chartX(i, chart.dates.size()); }
  double y(double v) const { return y1 - (y1 - y0) * chartY(chart, v); }
};

// ---- the marks ---------------------------------------------------------------------------------------------

// A line through the sessions that have a value (across one without: the trend reads at a glance), then a
// circle each, with its value as the tooltip.
std::string marks(const ProgressChart& chart, const ChartSeries& s, const Frame& f, std::string_view colour,
                  Language language) {
  std::string out, line;
  int points = 0;
  for (std::size_t i = 0; i < s.values.size(); ++i)
    if (s.values[i]) line += format("{}{},{}", points++ ? " " : "", px(f.x(i)), px(f.y(*s.values[i])));
  if (points > 1)
    out += format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", line, colour);
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    if (!s.values[i]) continue;
    const std::string tip =
        format("{}: {}", shortDate(chart.dates[i], language), chartNumber(*s.values[i], chart.wholeNumbers, language));
    out += format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title></circle>\n",
        px(f.x(i)), px(f.y(*s.values[i])), s.hollow ? "#fbfaf7" : colour, colour, escaped(tip));
  }
  return out;
}

std::string_view colourOf(const ChartSeries& s) { return s.hollow ? kBefore : kAfter; }

}  // namespace

// ---- the chart ---------------------------------------------------------------------------------------------

std::string chartSvg(const ProgressChart& chart, Language language) {
  const Frame f{chart};
  const std::string_view title = tr(chart.titleKey, language), unit = tr(chart.unitKey, language);
  std::string svg = format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
      px(kWidth), px(kHeight), px(kWidth), px(kHeight), escaped(title), escaped(format("{} ({})", title, unit)));
  svg += textAt(4, 18, "start", "15", title);
  svg += textAt(4, 34, "start", "12", unit);
  // The y axis: its bottom and top, with quiet grid lines.
  for (const double v : {chart.yMin, chart.yMax}) {
    svg += format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", px(f.x0), px(f.y(v)), px(f.x1),
                  px(f.y(v)), kGrid);
    svg += textAt(f.x0 - 6, f.y(v) + 4, "end", "12", chartNumber(v, true, language));
  }
  // The sessions' dates; with many sessions every few, so they never overlap.
  const std::size_t sessions = chart.dates.size(), every = chartDateStep(sessions);
  for (std::size_t i = 0; i < sessions; ++i)
    if (i % every == 0 || i + 1 == sessions)
      svg += textAt(f.x(i), f.y1 + 18, "middle", "12", shortDate(chart.dates[i], language));
  for (const ChartSeries& s : chart.series) svg += marks(chart, s, f, colourOf(s), language);
  // The legend under the dates: "○ før  ● efter".
  double legendX = kLeft;
  for (const ChartSeries& s : chart.series) {
    if (s.labelKey.empty()) continue;
    const std::string_view label = tr(s.labelKey, language);
    svg += format("<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>\n",
                  px(legendX + 4), px(kHeight - 14), s.hollow ? "#fbfaf7" : colourOf(s), colourOf(s));
    svg += textAt(legendX + 14, kHeight - 10, "start", "12", label);
    legendX += 14 + 7.0 * double(label.size()) + 18;
  }
  return svg + "</svg>";
}

}  // namespace overum::session
