// SPDX-License-Identifier: GPL-3.0-or-later
// The parse tree of .yarn sources (internal): expressions, statements, nodes; and the Reporter that
// collects diagnostics with file:line:column.
#pragma once
#include <overum/core/utf8.h>
#include <overum/scenario/diagnostics.h>
#include <overum/scenario/program.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <memory_resource>
#include <new>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace overum::scenario {

// ---- parse-tree memory ----------------------------------------------------------------------
// A file's parse tree is built once, read once by the compiler and dropped whole. So it lives in the
// file's arena (ParsedFile::arena), and every tree type is trivially copyable and destructible: no
// malloc/free per node and no walk to destroy it (those were most of the compile time). The tree's
// text is views into the source, or copies kept in the arena.
inline thread_local std::pmr::memory_resource* tCurrentArena = nullptr;  // set by parseYarn

// The few vector operations the parser and compiler use, over arena memory. Never frees.
template <class T>
class TreeVec {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T& front() { return data_[0]; }
  const T& front() const { return data_[0]; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }
  operator std::span<const T>() const { return {data_, size_}; }

  void reserve(std::size_t n) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);  // here: T is complete
    if (n <= cap_) return;
    if (!tCurrentArena) throw std::logic_error("parse tree built outside parseYarn");
    T* fresh = static_cast<T*>(tCurrentArena->allocate(n * sizeof(T), alignof(T)));
    if (size_) std::memcpy(static_cast<void*>(fresh), data_, size_ * sizeof(T));
    data_ = fresh;
    cap_ = static_cast<std::uint32_t>(n);
  }
  void push_back(const T& v) {
    if (size_ == cap_) reserve(cap_ ? 2 * static_cast<std::size_t>(cap_) : 2);
    data_[size_++] = v;
  }
  T& emplace_back() {
    push_back(T{});
    return back();
  }

 private:
  T* data_ = nullptr;
  std::uint32_t size_ = 0;
  std::uint32_t cap_ = 0;
};

// A default T in the current arena, for the rare parts of the tree that are not inline.
template <class T>
T* make() {
  static_assert(std::is_trivially_destructible_v<T>);
  if (!tCurrentArena) throw std::logic_error("parse tree built outside parseYarn");
  return new (tCurrentArena->allocate(sizeof(T), alignof(T))) T{};
}

// A copy of `s` that lives as long as the current arena (for text that is not a slice of the source).
inline std::string_view keep(std::string_view s) {
  if (s.empty()) return s;
  if (!tCurrentArena) throw std::logic_error("parse tree built outside parseYarn");
  char* p = static_cast<char*>(tCurrentArena->allocate(s.size(), 1));
  std::char_traits<char>::copy(p, s.data(), s.size());
  return {p, s.size()};
}

struct Loc {
  std::uint32_t line = 0;
  std::uint32_t col = 0;
};

struct Expr {
  enum class Kind : std::uint8_t { Number, String, Bool, Var, Unary, Binary, Call, EnumCase };
  Kind kind = Kind::Number;
  Op op = Op::Pop;  // Unary/Binary
  Loc loc;
  double number = 0;      // Number, Bool
  std::string_view text;  // String literal (decoded), variable name (no '$'), function name,
                          // enum case as written: `Humoer.Rolig`, or `.Rolig` when the enum is implied
  TreeVec<Expr> args;
};

// Text with {expression} holes: pieces.size() == exprs.size() + 1.
struct TextTemplate {
  TreeVec<std::string_view> pieces;  // filled by the parser: always at least one
  TreeVec<Expr> exprs;
  std::string_view source;  // as written (trimmed), for tools
  bool quoted = false;      // a command argument written in quotes
  Loc loc;
};

struct Stmt;
struct Branch {
  bool hasCond = false;  // false: <<else>>
  Expr cond;
  Loc loc;
  TreeVec<Stmt> body;
};

// Strings are views into the source text (or kept in the arena), which outlive the tree.
struct Stmt {
  enum class Kind : std::uint8_t {
    Line,
    Options,
    LineGroup,
    If,
    Once,
    Set,
    Declare,
    Jump,
    Detour,
    Return,
    Stop,
    Command,
    Enum
  };
  // The small fields first and together: there is one Stmt per line of source, so its size counts.
  Kind kind = Kind::Line;
  bool hasCond = false;   // trailing <<if cond>>
  bool once = false;      // trailing <<once>> / <<once if cond>>
  bool computed = false;  // Jump/Detour: the target is the expression in `value`
  Op assignOp = Op::Pop;  // Set: Pop for plain `=`, else Add/Sub/... for +=, -=, ...
  Loc loc;
  // Line / option item / line-group item
  std::string_view speaker;
  Loc speakerLoc;
  Loc idLoc;
  std::string_view lineId;
  TextTemplate text;
  TreeVec<std::string_view> tags;
  Expr cond;
  TreeVec<Stmt> body;        // option / line-group item body
  TreeVec<Stmt> items;       // Options, LineGroup: the items (each Kind::Line)
  TreeVec<Branch> branches;  // If; Once: [0] once-body, [1] optional else
  // Set / Declare: the variable in `var`, its value in `value` (in the arena; rare, so not inline).
  // Jump/Detour: target in `var`, or with `computed` in `value`. Command: name in `var`.
  // Enum: its name in `var`, each case's name and place in `args` (source, loc).
  std::string_view var;
  Loc varLoc;
  const Expr* value = nullptr;
  std::string_view declaredType;  // `as number`
  TreeVec<TextTemplate> args;
};

struct ParsedNode {
  std::string title;
  Loc loc;  // its title: line
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> tags;
  TreeVec<Stmt> body;
};

struct LineSite {
  std::size_t offset;  // where " #line:..." would be inserted
  bool hasId;
  std::string id;
  std::string node;
  std::string text;
};

struct ParsedFile {
  // Declared first so it is destroyed last: the tree below lives in it.
  std::unique_ptr<std::pmr::monotonic_buffer_resource> arena;
  std::vector<ParsedNode> nodes;
  std::vector<LineSite> sites;  // only when asked for (the tag tool)
  std::size_t lineCount = 0;    // lines, options and line-group items
  // Copies of what the compiler needs before it emits code, in file order, so it need not walk
  // the whole tree an extra time to find them.
  TreeVec<Stmt> enums;
  TreeVec<Stmt> declarations;
  TreeVec<std::string_view> assigned;  // variables some <<set>> changes
};

class Reporter {
 public:
  Reporter(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(&out) {}
  void error(Loc at, std::string message, std::string fix = {}) {
    add(Severity::Error, at, std::move(message), std::move(fix));
  }
  void warning(Loc at, std::string message, std::string fix = {}) {
    add(Severity::Warning, at, std::move(message), std::move(fix));
  }
  int errors() const { return errors_; }
  const std::string& file() const { return file_; }

 private:
  void add(Severity s, Loc at, std::string message, std::string fix) {
    if (s == Severity::Error) ++errors_;
    // A pathological file must not produce millions of messages.
    if (out_->size() >= 1000) return;
    out_->push_back(
        {s, file_, static_cast<int>(at.line), static_cast<int>(at.col), std::move(message), std::move(fix)});
  }
  std::string file_;
  std::vector<Diagnostic>* out_;
  int errors_ = 0;
};

// Parses one expression from `src` (the whole of it); `at` is the location of src[0].
// On error reports and returns false. Only during parseYarn: `out` may point into its arena.
bool parseExpression(std::string_view src, Loc at, Reporter& rep, Expr& out);

// Parses a whole file; `sites` also lists where line IDs go (for `overum tag`). The tree holds views
// into `text`, which must outlive it.
ParsedFile parseYarn(std::string_view text, Reporter& rep, bool sites = false);

// "`Afslutnig`" style quoting used in every message.
inline std::string q(std::string_view s) { return "`" + std::string(s) + "`"; }

}  // namespace overum::scenario
