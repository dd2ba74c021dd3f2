// Flow analysis over the flat code: per node, which pcs are reachable from its entry, whether a
// <<stop>>/end is among them, and which nodes it jumps to. Over-approximates paths (any branch may
// be taken), so it never reports a node that can in fact end.
#include "analysis.h"

namespace overum::scenario {

namespace {

struct NodeFlow {
  bool ends = false;
  std::vector<std::uint32_t> targets;
};

NodeFlow flow(const Program& p, std::uint32_t entry, std::vector<std::uint8_t>& seen, std::vector<std::uint32_t>& work) {
  NodeFlow f;
  work.clear();
  work.push_back(entry);
  const auto n = static_cast<std::uint32_t>(p.code.size());
  auto push = [&](std::uint32_t pc) {
    if (pc < n && !seen[pc]) { seen[pc] = 1; work.push_back(pc); }
  };
  seen[entry] = 1;
  while (!work.empty()) {
    const std::uint32_t pc = work.back();
    work.pop_back();
    const Instr& in = p.code[pc];
    switch (in.op) {
      case Op::Jump: push(in.a); break;
      case Op::JumpIfFalse: push(in.a); push(pc + 1); break;
      case Op::AddOption: case Op::AddCandidate: push(in.b); push(pc + 1); break;
      case Op::JumpNode: f.targets.push_back(in.a); break;
      case Op::Stop: f.ends = true; break;
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

  // A node can end if a <<stop>>/its end is reachable, or it can jump to a node that can end.
  std::vector<std::uint8_t> canEnd(nodes, 0);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < nodes; ++i) {
      if (canEnd[i]) continue;
      bool e = flows[i].ends;
      for (std::uint32_t t : flows[i].targets) e = e || canEnd[t];
      if (e) { canEnd[i] = 1; changed = true; }
    }
  }
  for (std::size_t i = 0; i < nodes; ++i) {
    if (canEnd[i]) continue;
    const NodeInfo& n = p.nodes[i];
    reps[n.loc.file]->error({n.loc.line, n.loc.column}, "node " + q(n.title) + " can never end: every way through it jumps on, round and round",
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
    for (std::uint32_t t : flows[i].targets)
      if (!reached[t]) { reached[t] = 1; stack.push_back(t); }
  }
  for (std::size_t i = 0; i < nodes; ++i) {
    if (reached[i]) continue;
    const NodeInfo& n = p.nodes[i];
    reps[n.loc.file]->warning({n.loc.line, n.loc.column}, "node " + q(n.title) + " is never reached from " + q(p.start),
                              "add a <<jump " + n.title + ">> where it belongs, or remove the node");
  }
}

}  // namespace overum::scenario
