// The parse tree of .yarn sources (internal): expressions, statements, nodes; and the Reporter that
// collects diagnostics with file:line:column.
#pragma once
#include <overum/scenario/diagnostics.h>
#include <overum/scenario/program.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace overum::scenario {

struct Loc {
  std::uint32_t line = 0;
  std::uint32_t col = 0;
};

struct Expr {
  enum class Kind : std::uint8_t { Number, String, Bool, Var, Unary, Binary, Call };
  Kind kind = Kind::Number;
  Op op = Op::Pop;      // Unary/Binary
  Loc loc;
  double number = 0;    // Number, Bool
  std::string text;     // String literal, variable name (no '$'), function name
  std::vector<Expr> args;
};

// Text with {expression} holes: pieces.size() == exprs.size() + 1.
struct TextTemplate {
  std::vector<std::string> pieces;  // filled by the parser: always at least one
  std::vector<Expr> exprs;
  std::string source;  // as written (trimmed), for tools
  bool quoted = false; // a command argument written in quotes
  Loc loc;
};

struct Stmt;
struct Branch {
  bool hasCond = false;  // false: <<else>>
  Expr cond;
  Loc loc;
  std::vector<Stmt> body;
};

struct Stmt {
  enum class Kind : std::uint8_t { Line, Options, LineGroup, If, Once, Set, Declare, Jump, Stop, Command };
  Kind kind = Kind::Line;
  Loc loc;
  // Line / option item / line-group item
  std::string speaker;
  Loc speakerLoc;
  TextTemplate text;
  std::vector<std::string> tags;
  std::string lineId;
  Loc idLoc;
  bool hasCond = false;  // trailing <<if cond>>
  bool once = false;     // trailing <<once>> / <<once if cond>>
  Expr cond;
  std::vector<Stmt> body;   // option / line-group item body
  std::vector<Stmt> items;  // Options, LineGroup: the items (each Kind::Line)
  std::vector<Branch> branches;  // If; Once: [0] once-body, [1] optional else
  // Set / Declare
  std::string var;
  Loc varLoc;
  Op assignOp = Op::Pop;  // Pop for plain `=`, else Add/Sub/... for +=, -=, ...
  Expr value;
  std::string declaredType;  // `as number`
  // Jump: target in `var`, Command: name in `var`
  std::vector<TextTemplate> args;
};

struct ParsedNode {
  std::string title;
  Loc loc;  // its title: line
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> tags;
  std::vector<Stmt> body;
};

struct LineSite {
  std::size_t offset;  // where " #line:..." would be inserted
  bool hasId;
  std::string id;
  std::string node;
  std::string text;
};

struct ParsedFile {
  std::vector<ParsedNode> nodes;
  std::vector<LineSite> sites;  // only when asked for (the tag tool)
  std::size_t lineCount = 0;    // lines, options and line-group items
};

class Reporter {
 public:
  Reporter(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(&out) {}
  void error(Loc at, std::string message, std::string fix = {}) { add(Severity::Error, at, std::move(message), std::move(fix)); }
  void warning(Loc at, std::string message, std::string fix = {}) { add(Severity::Warning, at, std::move(message), std::move(fix)); }
  int errors() const { return errors_; }
  const std::string& file() const { return file_; }

 private:
  void add(Severity s, Loc at, std::string message, std::string fix) {
    if (s == Severity::Error) ++errors_;
    // A pathological file must not produce millions of messages.
    if (out_->size() >= 1000) return;
    out_->push_back({s, file_, static_cast<int>(at.line), static_cast<int>(at.col), std::move(message), std::move(fix)});
  }
  std::string file_;
  std::vector<Diagnostic>* out_;
  int errors_ = 0;
};

// Number of characters (not bytes) in a UTF-8 string: columns count characters.
inline std::uint32_t utf8Length(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Parses one expression from `src` (the whole of it); `at` is the location of src[0].
// On error reports and returns false.
bool parseExpression(std::string_view src, Loc at, Reporter& rep, Expr& out);

// Parses a whole file; `sites` also lists where line IDs go (for `overum tag`).
ParsedFile parseYarn(std::string_view text, Reporter& rep, bool sites = false);

// "`Afslutnig`" style quoting used in every message.
inline std::string q(std::string_view s) { return "`" + std::string(s) + "`"; }

}  // namespace overum::scenario
