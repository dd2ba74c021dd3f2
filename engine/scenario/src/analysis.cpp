// SPDX-License-Identifier: GPL-3.0-or-later
// Flow analysis over the flat code: per node, which pcs are reachable from its entry, whether a
// <<stop>>/end is among them, and which nodes it jumps to. Over-approximates paths (any branch may
// be taken), so it never reports a node that can in fact end. A detour is a call: the caller goes on
// after it, and the detoured node's own end only returns, so through a detour only a <<stop>> counts.
// A computed title (<<jump {$x}>>) may lead anywhere or stop on an unknown title, so it counts as a
// way to end and it reaches every node.
#include "analysis.h"

namespace overum::scenario {

namespace {

struct NodeFlow {
  bool stops = false;                  // reaches <<stop>> (or a computed jump)
  bool returns = false;                // reaches its end or <<return>>: ends the dialogue unless detoured into
  bool computed = false;               // has a <<jump/detour {expression}>>
  std::vector<std::uint32_t> targets;  // jumps
  std::vector<std::uint32_t> detours;
};

NodeFlow flow(const Program& p, std::uint32_t entry, std::vector<std::uint8_t>& seen,
              std::vector<std::uint32_t>& work) {
  NodeFlow f;
  work.clear();
  work.push_back(entry);
  const auto n = static_cast<std::uint32_t>(p.code.size());
  auto push = [&](std::uint32_t pc) {
    if (pc < n && !seen[pc]) {
      seen[pc] = 1;
      work.push_back(pc);
    }
  };
  seen[entry] = 1;
  while (!work.empty()) {
    const std::uint32_t pc = work.back();
    work.pop_back();
    const Instr& in = p.code[pc];
    switch (in.op) {
      case Op::Jump: push(in.a); break;
      case Op::JumpIfFalse:
        push(in.a);
        push(pc + 1);
        break;
      case Op::AddOption:
      case Op::AddCandidate:
        push(in.b);
        push(pc + 1);
        break;
      case Op::JumpNode: f.targets.push_back(in.a); break;
      case Op::Detour:
        f.detours.push_back(in.a);
        push(pc + 1);
        break;
      case Op::JumpTitle: f.stops = f.computed = true; break;
      case Op::DetourTitle:
        f.stops = f.computed = true;
        push(pc + 1);
        break;
      case Op::Stop: f.stops = true; break;
      case Op::Return: f.returns = true; break;
      default: push(pc + 1); break;
    }
  }
  return f;
}

}  // namespace

void analyse(const Program& p, const std::vector<Reporter*>& reps) {
  const std::size_t nodes = p.nodes.size();
  std::vector<NodeFlow> flows(nodes);
  std::vector<std::uint8_t> seen(p.code.size(), 0);
  std::vector<std::uint32_t> work;
  for (std::size_t i = 0; i < nodes; ++i) flows[i] = flow(p, p.nodes[i].entry, seen, work);

  // A node can stop the dialogue if a <<stop>> is reachable, or it jumps to a node that can end, or
  // detours to one that can stop. It can end if it can stop or reach its own end. Both only ever turn
  // true, so each node's news is passed back along its incoming jumps and detours once: linear in
  // nodes and jumps (sweeping until nothing changed took a sweep per node of a long chain).
  std::vector<std::uint8_t> stops(nodes, 0), canEnd(nodes, 0);
  std::vector<std::uint32_t> jumpedFromStart(nodes + 1, 0), detouredFromStart(nodes + 1, 0);
  for (const NodeFlow& f : flows) {
    for (std::uint32_t t : f.targets) ++jumpedFromStart[t + 1];
    for (std::uint32_t t : f.detours) ++detouredFromStart[t + 1];
  }
  for (std::size_t i = 0; i < nodes; ++i) {
    jumpedFromStart[i + 1] += jumpedFromStart[i];
    detouredFromStart[i + 1] += detouredFromStart[i];
  }
  std::vector<std::uint32_t> jumpedFrom(jumpedFromStart[nodes]), detouredFrom(detouredFromStart[nodes]);
  {
    std::vector<std::uint32_t> j(jumpedFromStart.begin(), jumpedFromStart.end() - 1);
    std::vector<std::uint32_t> d(detouredFromStart.begin(), detouredFromStart.end() - 1);
    for (std::uint32_t i = 0; i < nodes; ++i) {
      for (std::uint32_t t : flows[i].targets) jumpedFrom[j[t]++] = i;
      for (std::uint32_t t : flows[i].detours) detouredFrom[d[t]++] = i;
    }
  }
  std::vector<std::uint32_t> news;  // nodes whose stops/canEnd just turned true
  auto learn = [&](std::uint32_t i, bool s, bool e) {
    if ((s && !stops[i]) || (e && !canEnd[i])) {
      stops[i] |= s;
      canEnd[i] |= e || s;
      news.push_back(i);
    }
  };
  for (std::uint32_t i = 0; i < nodes; ++i) learn(i, flows[i].stops, flows[i].returns);
  while (!news.empty()) {
    const std::uint32_t t = news.back();
    news.pop_back();
    if (canEnd[t])
      for (std::uint32_t k = jumpedFromStart[t]; k < jumpedFromStart[t + 1]; ++k) learn(jumpedFrom[k], true, true);
    if (stops[t])
      for (std::uint32_t k = detouredFromStart[t]; k < detouredFromStart[t + 1]; ++k)
        learn(detouredFrom[k], true, true);
  }
  for (std::size_t i = 0; i < nodes; ++i) {
    if (canEnd[i]) continue;
    const NodeInfo& n = p.nodes[i];
    reps[n.loc.file]->error(
        {n.loc.line, n.loc.column},
        "node " + q(n.title) + " can never end: every way through it jumps on, round and round",
        "give it a way out: an option or <<if>> branch that leads to <<stop>>, or to a node that ends");
  }

  const int start = p.findNode(p.start);
  if (start < 0) return;
  std::vector<std::uint8_t> reached(nodes, 0);
  std::vector<std::uint32_t> stack{static_cast<std::uint32_t>(start)};
  reached[start] = 1;
  while (!stack.empty()) {
    const std::uint32_t i = stack.back();
    stack.pop_back();
    if (flows[i].computed) return;  // any node may be next: warn about none
    for (const auto* targets : {&flows[i].targets, &flows[i].detours})
      for (std::uint32_t t : *targets)
        if (!reached[t]) {
          reached[t] = 1;
          stack.push_back(t);
        }
  }
  for (std::size_t i = 0; i < nodes; ++i) {
    if (reached[i]) continue;
    const NodeInfo& n = p.nodes[i];
    reps[n.loc.file]->warning({n.loc.line, n.loc.column}, "node " + q(n.title) + " is never reached from " + q(p.start),
                              "add a <<jump " + n.title + ">> where it belongs, or remove the node");
  }
}

}  // namespace overum::scenario
