// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-program checks on compiled code: nodes that can never end, nodes never reached from the start.
#pragma once
#include "ast.h"

#include <overum/scenario/program.h>

#include <vector>

namespace overum::scenario {

// reporters[i] reports for Program::files[i].
void analyse(const Program& program, const std::vector<Reporter*>& reporters);

}  // namespace overum::scenario
