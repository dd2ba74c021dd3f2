// SPDX-License-Identifier: GPL-3.0-or-later
// Runner state to bytes and back: varints, a program fingerprint, and validation of every index so
// damaged or foreign bytes are refused instead of trusted.
#include <overum/scenario/runner.h>

#include <cstring>

namespace overum::scenario {

namespace {

// The last byte is the format version: 2 added the detour stack and the runtime error.
constexpr char kMagic[3] = {'O', 'S', '2'};

struct Writer {
  std::string out;
  void byte(std::uint8_t b) { out.push_back(static_cast<char>(b)); }
  void var(std::uint64_t v) {
    while (v >= 0x80) {
      byte(static_cast<std::uint8_t>(v | 0x80));
      v >>= 7;
    }
    byte(static_cast<std::uint8_t>(v));
  }
  void fixed(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void text(const std::string& s) {
    var(s.size());
    out += s;
  }
  void value(const Value& v) {
    byte(static_cast<std::uint8_t>(v.type));
    if (v.type == Type::String) {
      text(v.string);
      return;
    }
    std::uint64_t bits;
    std::memcpy(&bits, &v.number, 8);
    fixed(bits);
  }
};

struct Reader {
  std::string_view in;
  std::size_t at = 0;
  bool ok = true;
  std::uint8_t byte() {
    if (at >= in.size()) {
      ok = false;
      return 0;
    }
    return static_cast<std::uint8_t>(in[at++]);
  }
  std::uint64_t var() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64 && ok; shift += 7) {
      const std::uint8_t b = byte();
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    ok = false;
    return 0;
  }
  std::uint64_t fixed() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(byte()) << (8 * i);
    return v;
  }
  bool text(std::string& s) {
    const std::uint64_t n = var();
    if (!ok || n > in.size() - at) return ok = false;
    s.assign(in.substr(at, n));
    at += n;
    return true;
  }
  bool value(Value& v) {
    const std::uint8_t t = byte();
    if (t > static_cast<std::uint8_t>(Type::Bool)) return ok = false;
    v.type = static_cast<Type>(t);
    v.string.clear();
    v.number = 0;
    if (v.type == Type::String) return text(v.string);
    const std::uint64_t bits = fixed();
    std::memcpy(&v.number, &bits, 8);
    return ok;
  }
  // An index below `limit`, else the read fails.
  std::uint32_t index(std::size_t limit) {
    const std::uint64_t v = var();
    if (v >= limit) ok = false;
    return ok ? static_cast<std::uint32_t>(v) : 0;
  }
};

std::uint64_t checksum(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

struct RunnerStateCodec {
  static std::string save(const Runner& r) {
    Writer w;
    w.out.append(kMagic, 3);
    w.fixed(r.program_->fingerprint);
    w.byte(static_cast<std::uint8_t>(r.status_));
    w.byte(static_cast<std::uint8_t>(r.lastKind_));
    w.var(r.pc_);
    w.var(r.node_);
    w.fixed(r.rng_);
    w.var(r.vars_.size());
    for (const Value& v : r.vars_) w.value(v);
    w.var(r.visits_.size());
    for (std::uint32_t v : r.visits_) w.var(v);
    w.var(r.once_.size());
    for (std::size_t i = 0; i < r.once_.size(); i += 8) {
      std::uint8_t bits = 0;
      for (std::size_t k = 0; k < 8 && i + k < r.once_.size(); ++k) bits |= (r.once_[i + k] ? 1 : 0) << k;
      w.byte(bits);
    }
    w.var(r.detours_.size());
    for (const auto& d : r.detours_) {
      w.var(d.pc);
      w.var(d.node);
    }
    switch (r.lastKind_) {
      case EventKind::Line:
        w.var(r.event_.line);
        w.text(r.lineText_);
        break;
      case EventKind::Options:
        w.var(r.optionCount_);
        for (std::size_t i = 0; i < r.optionCount_; ++i) {
          const OptionEvent& o = r.options_[i];
          w.var(o.line);
          w.var(o.target);
          w.byte(o.available);
          w.text(o.text);
        }
        break;
      case EventKind::Command:
        w.var(r.event_.command);
        w.var(r.argCount_);
        for (std::size_t i = 0; i < r.argCount_; ++i) w.value(r.args_[i]);
        break;
      case EventKind::End: w.text(r.error_); break;
      default: break;
    }
    // A checksum over everything, so a damaged file is refused rather than resumed wrongly.
    w.fixed(checksum(w.out));
    return std::move(w.out);
  }

  static bool restore(Runner& r, std::string_view bytes) {
    const Program& p = *r.program_;
    if (bytes.size() < 11) return false;
    std::uint64_t sum = 0;
    for (int i = 0; i < 8; ++i)
      sum |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(bytes[bytes.size() - 8 + i])) << (8 * i);
    bytes.remove_suffix(8);
    if (sum != checksum(bytes)) return false;
    Reader in{bytes};
    if (bytes.size() < 3 || bytes.substr(0, 3) != std::string_view(kMagic, 3)) return false;
    in.at = 3;
    if (in.fixed() != p.fingerprint) return false;
    const std::uint8_t status = in.byte();
    const std::uint8_t kind = in.byte();
    if (status > static_cast<std::uint8_t>(Runner::Status::Ended) || kind > static_cast<std::uint8_t>(EventKind::End))
      return false;
    const std::uint32_t pc = in.index(p.code.size());
    const std::uint32_t node = in.index(p.nodes.size());
    const std::uint64_t rng = in.fixed();
    if (!in.ok || in.var() != p.variables.size()) return false;
    std::vector<Value> vars(p.variables.size());
    for (std::size_t i = 0; i < vars.size() && in.ok; ++i)
      if (!in.value(vars[i]) || vars[i].type != p.variables[i].initial.type) return false;
    if (!in.ok || in.var() != p.nodes.size()) return false;
    std::vector<std::uint32_t> visits(p.nodes.size());
    for (auto& v : visits) {
      const std::uint64_t x = in.var();
      if (x > 0xFFFFFFFFull) return false;
      v = static_cast<std::uint32_t>(x);
    }
    if (!in.ok || in.var() != p.onceSlots) return false;
    std::vector<std::uint8_t> once(p.onceSlots);
    for (std::size_t i = 0; i < once.size() && in.ok; i += 8) {
      const std::uint8_t bits = in.byte();
      for (std::size_t k = 0; k < 8 && i + k < once.size(); ++k) once[i + k] = (bits >> k) & 1;
    }
    const std::uint64_t depth = in.var();
    if (!in.ok || depth > Runner::kMaxDetours) return false;
    std::vector<Runner::Detour> detours(depth);
    for (auto& d : detours) {
      d.pc = in.index(p.code.size());
      d.node = in.index(p.nodes.size());
    }
    std::string error;
    Event event;
    event.kind = static_cast<EventKind>(kind);
    event.node = node;
    std::string lineText;
    std::vector<OptionEvent> options;
    std::vector<Value> args;
    switch (event.kind) {
      case EventKind::Line:
        event.line = in.index(p.lines.size());
        in.text(lineText);
        break;
      case EventKind::Options: {
        const std::uint64_t n = in.var();
        if (!in.ok || n == 0 || n > p.lines.size()) return false;
        options.resize(n);
        for (auto& o : options) {
          o.line = in.index(p.lines.size());
          o.target = in.index(p.code.size());
          o.available = in.byte() != 0;
          in.text(o.text);
        }
        break;
      }
      case EventKind::Command: {
        event.command = in.index(p.commands.size());
        const std::uint64_t n = in.var();
        if (!in.ok || n != p.commands[event.command].args.size()) return false;
        args.resize(n);
        for (auto& a : args) in.value(a);
        break;
      }
      case EventKind::End: in.text(error); break;
      default: break;
    }
    const auto st = static_cast<Runner::Status>(status);
    if (!in.ok || in.at != bytes.size()) return false;
    if ((st == Runner::Status::Choosing) != (event.kind == EventKind::Options)) return false;
    // Everything checked: commit.
    r.status_ = st;
    r.lastKind_ = event.kind;
    r.pc_ = pc;
    r.node_ = node;
    r.rng_ = rng;
    r.vars_ = std::move(vars);
    r.visits_ = std::move(visits);
    r.once_ = std::move(once);
    r.detours_ = std::move(detours);
    r.detours_.reserve(Runner::kMaxDetours);  // steps after a restore do not allocate either
    r.error_ = std::move(error);
    r.lineText_ = std::move(lineText);
    r.options_ = std::move(options);
    r.optionCount_ = r.options_.size();
    r.args_ = std::move(args);
    r.argCount_ = r.args_.size();
    r.stack_.clear();
    r.candidates_.clear();
    r.event_ = event;
    if (event.kind == EventKind::Line) r.event_.text = r.lineText_;
    if (event.kind == EventKind::Options)
      r.event_.options = std::span<const OptionEvent>(r.options_.data(), r.optionCount_);
    if (event.kind == EventKind::Command) r.event_.args = std::span<const Value>(r.args_.data(), r.argCount_);
    if (st == Runner::Status::Ended) r.event_.kind = EventKind::End;
    if (event.kind == EventKind::End) r.event_.error = r.error_;
    return true;
  }
};

std::string Runner::saveState() const { return RunnerStateCodec::save(*this); }
bool Runner::restoreState(std::string_view bytes) { return RunnerStateCodec::restore(*this, bytes); }

}  // namespace overum::scenario
