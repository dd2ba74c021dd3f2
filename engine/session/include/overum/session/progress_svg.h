// SPDX-License-Identifier: GPL-3.0-or-later
// The progress charts drawn as inline SVG for the export page: no script, no external resource, no style
// element (the page's CSP allows none), every text escaped; calm colours, no red.
#pragma once
#include <overum/core/strings.h>
#include <overum/session/progress.h>

#include <string>

namespace overum::session {

// One chart as an <svg> element, words in `language`: the title, the unit, 0 and the top of the y axis, each
// session's date under its marks, a legend when there are two series. Every number drawn is finite.
std::string chartSvg(const ProgressChart& chart, Language language);

}  // namespace overum::session
