// SPDX-License-Identifier: GPL-3.0-or-later
// Where Øverum finds what it ships (the meetings, the example statement, recorded voices): installed
// under <prefix>/share/overum beside the executable's bin/, or the source tree when run from a build.
#pragma once
#include <overum/core/xdg_paths.h>

#include <filesystem>
#include <string_view>
#include <vector>

namespace overum::app {

std::filesystem::path shippedScenarios();  // shippedData() (core/xdg_paths.h) / scenarios
// The folders meetings are chosen from: the organisation's own ($XDG_DATA_HOME/overum/scenarios)
// first, then the shipped ones.
std::vector<std::filesystem::path> scenarioRoots();
// The folder of the meeting a meetingId() names: an absolute path as it is, a name in the roots above
// (the organisation's own wins), else under the shipped meetings.
std::filesystem::path findMeeting(std::string_view id);
// Recorded voices (<line id>.wav): the organisation's own ($XDG_DATA_HOME/overum/assets/voices, where
// `overum voices record` writes), then the shipped ones; a line plays the first it finds.
std::filesystem::path ownVoices();
std::vector<std::filesystem::path> voiceFolders();

}  // namespace overum::app
