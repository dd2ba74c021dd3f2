// SPDX-License-Identifier: GPL-3.0-or-later
// Program lookups used by the runner and the tools.
#include <overum/scenario/program.h>

#include <overum/scenario/meeting_vocabulary.h>

#include <algorithm>

namespace overum::scenario {

int Program::findNode(std::string_view title) const {
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].title == title) return static_cast<int>(i);
  return -1;
}

std::string_view Program::heading(std::string_view title) const {
  const int node = findNode(title);
  if (node < 0) return title;
  for (const auto& [key, value] : nodes[std::size_t(node)].headers)
    if (key == kNodeHeading && !value.empty()) return value;
  return nodes[std::size_t(node)].title;
}

int Program::findVariable(std::string_view name) const {
  if (!name.empty() && name[0] == '$') name.remove_prefix(1);
  for (std::size_t i = 0; i < variables.size(); ++i)
    if (variables[i].name == name) return static_cast<int>(i);
  return -1;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> Program::jumps() const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  std::uint32_t node = 0;
  for (const Instr& in : code) {
    if (in.op == Op::EnterNode) node = in.a;
    if (in.op == Op::JumpNode || in.op == Op::Detour) out.emplace_back(node, in.a);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace overum::scenario
