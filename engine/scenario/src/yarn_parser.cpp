// SPDX-License-Identifier: GPL-3.0-or-later
// .yarn file parser: node headers, bodies split into indented lines, and statements (lines, options
// and line groups nested by indentation, <<if>>/<<once>> blocks, set/declare/jump/detour/return/stop/commands).
//
// Sections: 1. text helpers  2. line content (text, {expr}, speaker, condition, hashtags)
//           3. <<commands>>  4. statement blocks  5. nodes and headers
#include "ast.h"

#include <overum/core/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <span>

namespace overum::scenario {

namespace {

// ---- 1. text helpers ------------------------------------------------------------------------

// By hand: the prefixes are two or three characters, and a memcmp call per test cost more.
bool startsWith(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (s[i] != p[i]) return false;
  return true;
}

bool isIdent(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
  return true;
}

// A valid-identifier version of what the author wrote: spaces to `_`, æøå spelled out.
std::string asciiSuggestion(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if (c == ' ' || c == '-') out += '_';
    else if (c < 0x80) {
      if (std::isalnum(c) || c == '_' || c == '.') out += static_cast<char>(c);
    } else if (i + 1 < s.size()) {
      const std::string_view ch = s.substr(i, 2);
      if (ch == "æ") out += "ae";
      else if (ch == "ø") out += "oe";
      else if (ch == "å") out += "aa";
      else if (ch == "Æ") out += "Ae";
      else if (ch == "Ø") out += "Oe";
      else if (ch == "Å") out += "Aa";
      while (i + 1 < s.size() && isUtf8Continuation(s[i + 1])) ++i;
    }
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "N" + out;
  return out;
}

// Index of the `close` that ends a group opened just before `from`, skipping "strings"; npos if none
// (then *openQuote is where an unclosed string began, or npos).
std::size_t findClose(std::string_view s, std::size_t from, std::string_view close, std::size_t* openQuote = nullptr) {
  bool inString = false;
  std::size_t quoteAt = std::string_view::npos;
  if (openQuote) *openQuote = std::string_view::npos;
  for (std::size_t i = from; i < s.size(); ++i) {
    const char c = s[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
      quoteAt = i;
    } else if (c == close[0] && s.compare(i, close.size(), close) == 0) {  // first char first: this runs per character
      return i;
    }
  }
  if (openQuote && inString) *openQuote = quoteAt;
  return std::string_view::npos;
}

// Characters that may mean something inside the text of a line; all others are plain text.
constexpr auto kLineSpecial = [] {
  std::array<bool, 256> special{};
  for (unsigned char c : std::string_view("\\{}#</:")) special[c] = true;
  return special;
}();

struct BodyLine {
  std::string_view text;  // the whole line, without the newline
  std::uint32_t number;   // 1-based
  std::size_t offset;     // of text[0] in the file
  int indent;             // spaces; a tab counts 4
  std::size_t content;    // index of the first non-blank character
};

class FileParser {
 public:
  FileParser(std::string_view text, Reporter& rep, bool sites) : text_(text), rep_(rep), wantSites_(sites) {}

  ParsedFile run();

 private:
  enum class End : std::uint8_t { Eof, Dedent, ElseIf, Else, EndIf, EndOnce };

  Loc locOf(const BodyLine& l, std::size_t index) const {
    return {l.number, static_cast<std::uint32_t>(utf8Length(l.text.substr(0, index))) + 1};
  }

  // ---- 2. line content ----------------------------------------------------------------------
  // Parses `text [<<if cond>>] [#tags] [// comment]` starting at l.text[start]; fills s.
  bool lineContent(const BodyLine& l, std::size_t start, Stmt& s, bool allowSpeaker) {
    const std::string_view t = l.text;
    s.kind = Stmt::Kind::Line;
    s.loc = locOf(l, start);
    s.text.loc = s.loc;
    ++file_.lineCount;
    std::size_t p = start;
    std::size_t textEnd = start;  // raw end of the text part, for `source`
    bool sawExpr = false;
    // The piece being read is decoded into piece_ (reused) and kept in the arena once complete;
    // every return keeps it, so pieces.size() == exprs.size() + 1 holds even for a broken line.
    std::string* piece = &piece_;
    piece_.clear();
    auto endPiece = [&] {
      s.text.pieces.push_back(keep(piece_));
      piece_.clear();
    };
    std::size_t pieceStart = start;  // where the current raw piece began (for the speaker)
    bool ok = true;
    while (p < t.size()) {
      // Plain text up to the next character that may mean something, in one append: most of a
      // line is plain text, and this loop is the parser's hottest.
      std::size_t run = p;
      while (run < t.size() && !kLineSpecial[static_cast<unsigned char>(t[run])]) ++run;
      if (run > p) {
        piece->append(t.data() + p, run - p);
        std::size_t last = run;
        while (last > p && (t[last - 1] == ' ' || t[last - 1] == '\t')) --last;
        if (last > p) textEnd = last;
        p = run;
        continue;
      }
      const char c = t[p];
      if (c == '\\' && p + 1 < t.size()) {
        *piece += t[p + 1];
        p += 2;
        // A whole UTF-8 character may follow the backslash.
        while (p < t.size() && isUtf8Continuation(t[p])) *piece += t[p++];
        continue;
      }
      if (c == '{') {
        std::size_t quote;
        const std::size_t close = findClose(t, p + 1, "}", &quote);
        if (close == std::string_view::npos) {
          if (quote != std::string_view::npos)
            rep_.error(locOf(l, quote), "text in quotes is not closed", "add the closing `\"`");
          else
            rep_.error(locOf(l, p), "`{` is not closed",
                       "add `}` after the expression, or write `\\{` for a brace in the text");
          endPiece();
          return false;
        }
        Expr e;
        const std::string_view inner = t.substr(p + 1, close - p - 1);
        if (trimSpace(inner).empty()) {
          rep_.error(locOf(l, p), "`{}` has no expression inside", "write e.g. `{$borger_navn}`");
          ok = false;
        } else if (!parseExpression(inner, locOf(l, p + 1), rep_, e)) {
          ok = false;
        }
        endPiece();
        s.text.exprs.push_back(e);
        sawExpr = true;
        p = close + 1;
        textEnd = p;
        continue;
      }
      if (c == '}') {
        rep_.error(locOf(l, p), "`}` without a `{` before it", "write `\\}` for a brace in the text");
        endPiece();
        return false;
      }
      if (c == '#' || (c == '<' && p + 1 < t.size() && t[p + 1] == '<') ||
          (c == '/' && p + 1 < t.size() && t[p + 1] == '/'))
        break;
      if (c == ':' && allowSpeaker && !sawExpr && s.speaker.empty() &&
          (p + 1 == t.size() || t[p + 1] == ' ' || t[p + 1] == '\t')) {
        const std::string_view who = trimSpace(*piece);
        if (!who.empty()) {
          s.speaker = keep(who);  // `who` is in the piece being built, not in the source
          s.speakerLoc = locOf(l, pieceStart);
          piece->clear();
          ++p;
          while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
          pieceStart = p;
          start = p;
          continue;
        }
      }
      *piece += c;
      ++p;
      if (c != ' ' && c != '\t') textEnd = p;
    }
    endPiece();
    // Trim the outer ends of the text; the inner pieces keep their spaces ("Hej {$x} !").
    {
      std::string_view& first = s.text.pieces.front();
      while (!first.empty() && (first.front() == ' ' || first.front() == '\t')) first.remove_prefix(1);
      std::string_view& last = s.text.pieces.back();
      while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
    }
    s.text.source = trimSpace(t.substr(start, textEnd > start ? textEnd - start : 0));
    std::size_t insertAt = textEnd;
    if (s.text.source.empty() && s.text.exprs.empty()) {
      rep_.error(s.loc, "this line has no text", "write what is said, or remove the line");
      ok = false;
    }
    // Optional <<if cond>> / <<once>> / <<once if cond>>.
    while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
    if (p + 1 < t.size() && t[p] == '<' && t[p + 1] == '<') {
      const std::size_t close = findClose(t, p + 2, ">>");
      if (close == std::string_view::npos) {
        rep_.error(locOf(l, p), "`<<` is not closed with `>>`", "end the condition with `>>`");
        return false;
      }
      std::string_view inner = t.substr(p + 2, close - p - 2);
      std::size_t innerAt = p + 2;
      while (!inner.empty() && (inner[0] == ' ' || inner[0] == '\t')) {
        inner.remove_prefix(1);
        ++innerAt;
      }
      if (startsWith(inner, "once") && (inner.size() == 4 || inner[4] == ' ' || inner[4] == '\t')) {
        s.once = true;
        inner.remove_prefix(4);
        innerAt += 4;
        while (!inner.empty() && (inner[0] == ' ' || inner[0] == '\t')) {
          inner.remove_prefix(1);
          ++innerAt;
        }
      }
      if (startsWith(inner, "if") && (inner.size() == 2 || inner[2] == ' ' || inner[2] == '\t')) {
        s.hasCond = true;
        if (trimSpace(inner.substr(2)).empty()) {
          rep_.error(locOf(l, innerAt), "`<<if>>` needs a condition", "write e.g. `<<if $bisidder>>`");
          s.cond.kind = Expr::Kind::Bool;
          s.cond.number = 1;
          ok = false;
        } else if (!parseExpression(inner.substr(2), locOf(l, innerAt + 2), rep_, s.cond)) {
          ok = false;
        }
      } else if (!trimSpace(inner).empty() || !s.once) {
        rep_.error(locOf(l, p), "only `<<if condition>>` or `<<once>>` can follow the text of a line",
                   "put commands like " + q("<<" + std::string(trimSpace(inner)) + ">>") + " on a line of their own");
        ok = false;
      }
      p = close + 2;
      insertAt = p;
    }
    // Hashtags, then an optional comment.
    for (;;) {
      while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
      if (p >= t.size() || (t[p] == '/' && p + 1 < t.size() && t[p + 1] == '/')) break;
      if (t[p] != '#') {
        rep_.error(locOf(l, p), "unexpected text after the hashtags",
                   "hashtags (#...) go last on the line; write `\\#` for a # in the text");
        ok = false;
        break;
      }
      const std::size_t tagStart = p + 1;
      while (p < t.size() && t[p] != ' ' && t[p] != '\t') ++p;
      const std::string_view tag = t.substr(tagStart, p - tagStart);
      insertAt = p;
      if (tag.empty()) {
        rep_.error(locOf(l, tagStart - 1), "`#` without a tag name",
                   "write e.g. `#mood:venlig`, or `\\#` for a # in the text");
        ok = false;
        break;
      }
      if (startsWith(tag, "line:")) {
        if (!s.lineId.empty()) {
          rep_.error(locOf(l, tagStart - 1), "this line has two `#line:` IDs", "keep one of them");
          ok = false;
        } else if (tag.size() == 5) {
          rep_.error(locOf(l, tagStart - 1), "`#line:` has no ID after it",
                     "write e.g. `#line:a1b2c3`, or run `overum tag`");
          ok = false;
        }
        s.lineId = tag.substr(5);
        s.idLoc = locOf(l, tagStart - 1);
      }
      s.tags.push_back(tag);
    }
    if (wantSites_)
      file_.sites.push_back(
          {l.offset + insertAt, !s.lineId.empty(), std::string(s.lineId), node_, std::string(s.text.source)});
    return ok;
  }

  // ---- 3. <<commands>> -------------------------------------------------------------------------
  // Splits command arguments on blanks; "quoted text" and {expressions} stay whole.
  bool commandArgs(const BodyLine& l, std::size_t from, std::size_t to, TreeVec<TextTemplate>& out) {
    const std::string_view t = l.text;
    std::size_t p = from;
    bool ok = true;
    while (p < to) {
      while (p < to && (t[p] == ' ' || t[p] == '\t')) ++p;
      if (p >= to) break;
      TextTemplate arg;
      piece_.clear();
      arg.loc = locOf(l, p);
      const std::size_t argStart = p;
      bool inQuote = false;
      while (p < to && (inQuote || (t[p] != ' ' && t[p] != '\t'))) {
        const char c = t[p];
        if (c == '"') {
          inQuote = !inQuote;
          arg.quoted = true;
          ++p;
          continue;
        }
        if (c == '\\' && p + 1 < to) {
          piece_ += t[p + 1];
          p += 2;
          continue;
        }
        if (c == '{') {
          const std::size_t close = findClose(t.substr(0, to), p + 1, "}");
          if (close == std::string_view::npos) {
            rep_.error(locOf(l, p), "`{` is not closed", "add `}` after the expression");
            return false;
          }
          Expr e;
          if (!parseExpression(t.substr(p + 1, close - p - 1), locOf(l, p + 1), rep_, e)) ok = false;
          arg.exprs.push_back(e);
          arg.pieces.push_back(keep(piece_));
          piece_.clear();
          p = close + 1;
          continue;
        }
        piece_ += c;
        ++p;
      }
      arg.pieces.push_back(keep(piece_));
      if (inQuote) {
        rep_.error(arg.loc, "text in quotes is not closed", "add the closing `\"`");
        return false;
      }
      arg.source = t.substr(argStart, p - argStart);
      out.push_back(std::move(arg));
    }
    return ok;
  }

  // The words after the keyword of a <<command>>, and where they start.
  struct Cmd {
    std::string_view keyword;
    std::string_view rest;  // trimmed
    std::size_t restAt;     // index in the line
    std::size_t end;        // index of `>>`
  };

  bool splitCommand(const BodyLine& l, Cmd& cmd) {
    const std::string_view t = l.text;
    const std::size_t open = l.content;
    std::size_t quote;
    const std::size_t close = findClose(t, open + 2, ">>", &quote);
    if (close == std::string_view::npos) {
      if (quote != std::string_view::npos)
        rep_.error(locOf(l, quote), "text in quotes is not closed", "add the closing `\"` before `>>`");
      else rep_.error(locOf(l, open), "`<<` is not closed with `>>`", "end the command with `>>` on the same line");
      return false;
    }
    std::size_t k = open + 2;
    while (k < close && (t[k] == ' ' || t[k] == '\t')) ++k;
    std::size_t kw = k;
    while (k < close && t[k] != ' ' && t[k] != '\t') ++k;
    cmd.keyword = t.substr(kw, k - kw);
    while (k < close && (t[k] == ' ' || t[k] == '\t')) ++k;
    cmd.restAt = k;
    cmd.rest = trimSpace(t.substr(k, close - k));
    cmd.end = close;
    // After `>>` only hashtags and a comment may follow.
    std::size_t p = close + 2;
    while (p < t.size()) {
      while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
      if (p >= t.size() || (t[p] == '/' && p + 1 < t.size() && t[p + 1] == '/')) break;
      if (t[p] == '#') {
        while (p < t.size() && t[p] != ' ' && t[p] != '\t') ++p;
        continue;
      }
      rep_.error(locOf(l, p), "unexpected text after `>>`", "put it on a line of its own");
      return false;
    }
    if (cmd.keyword.empty()) {
      rep_.error(locOf(l, open), "`<<>>` is empty", "write a command, e.g. `<<wait 2>>`");
      return false;
    }
    return true;
  }

  bool expression(const BodyLine& l, const Cmd& cmd, Expr& out, std::string_view example) {
    if (cmd.rest.empty()) {
      rep_.error(locOf(l, cmd.restAt), "`<<" + std::string(cmd.keyword) + ">>` needs a condition",
                 "write e.g. `" + std::string(example) + "`");
      out.kind = Expr::Kind::Bool;  // reported; keep the type checker quiet about it
      out.number = 1;
      return false;
    }
    return parseExpression(cmd.rest, locOf(l, cmd.restAt), rep_, out);
  }

  // <<set $x = expr>>, <<set $x to expr>>, <<set $x += expr>>; <<declare $x = expr [as type]>>.
  bool assignment(const BodyLine& l, const Cmd& cmd, Stmt& s, bool declare) {
    const std::string_view t = l.text;
    std::size_t p = cmd.restAt;
    const std::string_view example = declare ? "<<declare $bisidder = false>>" : "<<set $bisidder = true>>";
    if (p >= cmd.end || t[p] != '$') {
      rep_.error(locOf(l, p), "`<<" + std::string(cmd.keyword) + ">>` needs a variable starting with `$`",
                 "write e.g. `" + std::string(example) + "`");
      return false;
    }
    s.varLoc = locOf(l, p);
    ++p;
    const std::size_t nameAt = p;
    while (p < cmd.end && (std::isalnum(static_cast<unsigned char>(t[p])) || t[p] == '_' || t[p] == '.')) ++p;
    s.var = t.substr(nameAt, p - nameAt);
    if (s.var.empty()) {
      rep_.error(s.varLoc, "`$` must be followed by a variable name", "write e.g. `" + std::string(example) + "`");
      return false;
    }
    while (p < cmd.end && (t[p] == ' ' || t[p] == '\t')) ++p;
    const std::string_view rest = t.substr(p, cmd.end - p);
    std::size_t skip = 0;
    s.assignOp = Op::Pop;
    if (startsWith(rest, "=") && !startsWith(rest, "==")) skip = 1;
    else if (startsWith(rest, "to ") || rest == "to") skip = 2;
    else if (!declare && rest.size() >= 2 && rest[1] == '=' &&
             std::string_view("+-*/%").find(rest[0]) != std::string_view::npos) {
      const char o = rest[0];
      s.assignOp = o == '+' ? Op::Add : o == '-' ? Op::Sub : o == '*' ? Op::Mul : o == '/' ? Op::Div : Op::Mod;
      skip = 2;
    } else {
      rep_.error(locOf(l, p), "expected `=` or `to` after " + q("$" + std::string(s.var)),
                 "write e.g. `" + std::string(example) + "`");
      return false;
    }
    p += skip;
    std::string_view value = t.substr(p, cmd.end - p);
    if (declare) {
      // A trailing `as number|string|bool` names the type.
      const std::string_view tv = trimSpace(value);
      for (std::string_view ty : {"number", "string", "bool"}) {
        const std::string suffix = " as " + std::string(ty);
        if (tv.size() > suffix.size() && tv.substr(tv.size() - suffix.size()) == suffix) {
          s.declaredType = ty;
          value = value.substr(0, value.find(tv) + tv.size() - suffix.size());
        }
      }
    }
    if (trimSpace(value).empty()) {
      rep_.error(locOf(l, p), "a value is missing after " + q("$" + std::string(s.var)),
                 "write e.g. `" + std::string(example) + "`");
      return false;
    }
    Expr* e = make<Expr>();
    s.value = e;
    return parseExpression(value, locOf(l, p), rep_, *e);
  }

  // <<jump Node>>, <<jump {expression}>>; the same for <<detour>>.
  bool jumpTarget(const BodyLine& l, const Cmd& cmd, Stmt& s) {
    const std::string kw = "<<" + std::string(cmd.keyword);
    s.var = cmd.rest;
    s.varLoc = locOf(l, cmd.restAt);
    if (s.var.empty()) {
      rep_.error(s.loc, "`" + kw + ">>` needs a node name", "write e.g. `" + kw + " Afslutning>>`");
      return false;
    }
    if (s.var[0] == '{') {
      const std::size_t close = findClose(s.var, 1, "}");
      if (close == std::string_view::npos) {
        rep_.error(s.varLoc, "`{` is not closed",
                   "write the node name's expression in braces, e.g. `" + kw + " {$naeste}>>`");
        return false;
      }
      if (close + 1 != s.var.size()) {
        rep_.error(locOf(l, cmd.restAt + close + 1), "unexpected text after `}`",
                   "write only one node name or `{expression}`, e.g. `" + kw + " {$naeste}>>`");
        return false;
      }
      const std::string_view inner = s.var.substr(1, close - 1);
      if (trimSpace(inner).empty()) {
        rep_.error(s.varLoc, "`{}` has no expression inside", "write e.g. `" + kw + " {$naeste}>>`");
        return false;
      }
      s.computed = true;
      Expr* e = make<Expr>();
      s.value = e;
      return parseExpression(inner, locOf(l, cmd.restAt + 1), rep_, *e);
    }
    if (!isIdent(s.var)) {
      rep_.error(s.varLoc, q(s.var) + " is not a valid node name",
                 "node names use letters a-z, digits and `_`; did you mean " + q(asciiSuggestion(s.var)) + "?");
      return false;
    }
    return true;
  }

  // <<enum Name>>, then one <<case Name>> per line, then <<endenum>>. Reads up to and with <<endenum>>.
  bool enumBlock(const BodyLine& l, const Cmd& cmd, Stmt& s) {
    s.var = cmd.rest;
    s.varLoc = locOf(l, cmd.restAt);
    bool ok = true;
    if (s.var.empty()) {
      rep_.error(s.loc, "`<<enum>>` needs a name", "write e.g. `<<enum Humoer>>`");
      ok = false;
    } else if (!isIdent(s.var) || s.var.find('.') != std::string_view::npos) {
      rep_.error(s.varLoc, q(s.var) + " is not a valid enum name",
                 "enum names use letters a-z, digits and `_`, e.g. `<<enum Humoer>>`");
      ok = false;
    }
    while (i_ < lines_.size()) {
      const BodyLine& c = lines_[i_];
      if (blank(c)) {
        ++i_;
        continue;
      }
      Cmd k;
      const std::string_view text = c.text.substr(c.content);
      const bool command = startsWith(text, "<<");
      if (command && !splitCommand(c, k)) {  // reported
        ++i_;
        ok = false;
        continue;
      }
      if (!command || (k.keyword != "case" && k.keyword != "endenum")) {
        // Left unread: the line is probably meant to follow the enum.
        rep_.error(locOf(c, c.content), "only `<<case Name>>` lines can be inside `<<enum>>`",
                   "end the enum with `<<endenum>>` before other lines");
        return false;
      }
      ++i_;
      if (k.keyword == "endenum") {
        if (ok && s.args.empty()) {
          rep_.error(s.loc, "enum " + q(s.var) + " has no cases", "add one `<<case Name>>` line per value");
          return false;
        }
        return ok;
      }
      if (k.rest.find('=') != std::string_view::npos) {
        rep_.error(locOf(c, k.restAt), "enum cases with values (`<<case Name = value>>`) are not supported",
                   "write just `<<case Name>>`");
        ok = false;
        continue;
      }
      if (k.rest.empty() || !isIdent(k.rest) || k.rest.find('.') != std::string_view::npos) {
        rep_.error(locOf(c, k.rest.empty() ? c.content : k.restAt),
                   k.rest.empty() ? "`<<case>>` needs a name" : q(k.rest) + " is not a valid case name",
                   "case names use letters a-z, digits and `_`, e.g. `<<case Rolig>>`");
        ok = false;
        continue;
      }
      TextTemplate name;
      name.source = k.rest;
      name.loc = locOf(c, k.restAt);
      s.args.push_back(name);
    }
    rep_.error(s.loc, "`<<enum>>` has no `<<endenum>>`", "add `<<endenum>>` after its last `<<case>>`");
    return false;
  }

  // ---- 4. statement blocks --------------------------------------------------------------------
  bool blank(const BodyLine& l) const {
    const std::string_view c = l.text.substr(l.content);
    return c.empty() || startsWith(c, "//");
  }

  // Reads statements into `out` until a line indented at or left of `parent` (Dedent), the end, or
  // an <<elseif>>/<<else>>/<<endif>>/<<endonce>> (consumed; its condition is kept in stopCmd_).
  End block(TreeVec<Stmt>& out, int parent, int depth) {
    // Statements gather in a scratch vector kept per depth, then move into `out` in one exactly
    // sized allocation: growing vectors of statements was the compiler's main cost.
    std::vector<Stmt>& tmp = scratch_[static_cast<std::size_t>(std::min(depth, kMaxScratch - 1))];
    const std::size_t base = tmp.size();
    const End e = gather(tmp, parent, depth);
    out.reserve(out.size() + tmp.size() - base);
    for (std::size_t k = base; k < tmp.size(); ++k) out.push_back(std::move(tmp[k]));
    tmp.resize(base);
    return e;
  }

  End gather(std::vector<Stmt>& out, int parent, int depth) {
    while (i_ < lines_.size()) {
      const BodyLine& l = lines_[i_];
      if (blank(l)) {
        ++i_;
        continue;
      }
      if (l.indent <= parent) return End::Dedent;
      if (depth > 48) {
        rep_.error(locOf(l, l.content), "options and blocks are nested too deeply here",
                   "move the inner part to a node of its own and <<jump>> to it");
        i_ = lines_.size();
        return End::Eof;
      }
      const std::string_view c = l.text.substr(l.content);
      if (startsWith(c, "->") || startsWith(c, "=>")) {
        group(out, depth);
        continue;
      }
      if (!startsWith(c, "<<")) {
        lineContent(l, l.content, out.emplace_back(), true);
        ++i_;
        continue;
      }
      Cmd cmd;
      const bool ok = splitCommand(l, cmd);
      ++i_;
      if (!ok) continue;
      const std::string_view k = cmd.keyword;
      if (k == "elseif" || k == "else" || k == "endif" || k == "endonce") {
        stopLine_ = &l;
        stopCmd_ = cmd;
        return k == "elseif" ? End::ElseIf : k == "else" ? End::Else : k == "endif" ? End::EndIf : End::EndOnce;
      }
      // Built in place, and taken out again when it is broken (already reported).
      if (!command(l, cmd, out.emplace_back(), parent, depth)) out.pop_back();
    }
    return End::Eof;
  }

  // A <<command>> line other than the ends of blocks, into `s`; false when it is left out (reported).
  // Blocks (<<if>>, <<once>>, <<enum>>) read their lines too.
  bool command(const BodyLine& l, const Cmd& cmd, Stmt& s, int parent, int depth) {
    const std::string_view k = cmd.keyword;
    s.loc = locOf(l, l.content);
    if (k == "case" || k == "endenum") {
      rep_.error(s.loc, "`<<" + std::string(k) + ">>` outside an `<<enum>>` block",
                 "write the cases between `<<enum Name>>` and `<<endenum>>`");
      return false;
    }
    if (k == "enum") {
      s.kind = Stmt::Kind::Enum;
      if (!enumBlock(l, cmd, s)) return false;
      file_.enums.push_back(s);
    } else if (k == "if") {
      s.kind = Stmt::Kind::If;
      ifBlock(l, cmd, s, parent, depth);
    } else if (k == "once") {
      s.kind = Stmt::Kind::Once;
      onceBlock(l, cmd, s, parent, depth);
    } else if (k == "set" || k == "declare") {
      s.kind = k == "set" ? Stmt::Kind::Set : Stmt::Kind::Declare;
      if (!assignment(l, cmd, s, k == "declare")) return false;
      if (s.kind == Stmt::Kind::Set) file_.assigned.push_back(s.var);
      else file_.declarations.push_back(s);
    } else if (k == "jump" || k == "detour") {
      s.kind = k == "jump" ? Stmt::Kind::Jump : Stmt::Kind::Detour;
      if (!jumpTarget(l, cmd, s)) return false;
    } else if (k == "return") {
      s.kind = Stmt::Kind::Return;
      if (!cmd.rest.empty())
        rep_.error(locOf(l, cmd.restAt), "`<<return>>` takes nothing after it", "write just `<<return>>`");
    } else if (k == "stop") {
      s.kind = Stmt::Kind::Stop;
      if (!cmd.rest.empty())
        rep_.error(locOf(l, cmd.restAt), "`<<stop>>` takes nothing after it", "write just `<<stop>>`");
    } else {
      s.kind = Stmt::Kind::Command;
      s.var = k;
      s.varLoc = locOf(l, l.content + 2);
      if (!commandArgs(l, cmd.restAt, cmd.end, s.args)) return false;
    }
    return true;
  }

  void stray(End e) {
    const char* what = e == End::ElseIf  ? "<<elseif>>"
                       : e == End::Else  ? "<<else>>"
                       : e == End::EndIf ? "<<endif>>"
                                         : "<<endonce>>";
    rep_.error(
        locOf(*stopLine_, stopLine_->content),
        std::string("`") + what + "` without a matching `" + (e == End::EndOnce ? "<<once>>" : "<<if>>") +
            "` before it",
        "remove it, or check the indentation: a block inside an option must be indented like the option's lines");
  }

  // Reads a block that must end by dedent/end of input, reporting stray else/endif on the way.
  void bodyUntilDedent(TreeVec<Stmt>& out, int parent, int depth) {
    for (;;) {
      const End e = block(out, parent, depth);
      if (e == End::Eof || e == End::Dedent) return;
      stray(e);
    }
  }

  void ifBlock(const BodyLine& l, const Cmd& cmd, Stmt& s, int parent, int depth) {
    s.branches.emplace_back();
    s.branches.back().hasCond = true;
    s.branches.back().loc = s.loc;
    expression(l, cmd, s.branches.back().cond, "<<if $bisidder>>");
    bool sawElse = false;
    for (;;) {
      const End e = block(s.branches.back().body, parent, depth + 1);
      if (e == End::EndIf) return;
      if (e == End::ElseIf || e == End::Else) {
        const Loc at = locOf(*stopLine_, stopLine_->content);
        if (sawElse)
          rep_.error(at, "`<<" + std::string(e == End::Else ? "else" : "elseif") + ">>` after `<<else>>`",
                     "the `<<else>>` part must come last");
        sawElse = sawElse || e == End::Else;
        Branch b;
        b.loc = at;
        b.hasCond = e == End::ElseIf;
        if (b.hasCond) expression(*stopLine_, stopCmd_, b.cond, "<<elseif $svaerhed == \"presset\">>");
        else if (!stopCmd_.rest.empty())
          rep_.error(at, "`<<else>>` takes no condition", "write `<<elseif condition>>`");
        s.branches.push_back(std::move(b));
        continue;
      }
      if (e == End::EndOnce) {
        stray(e);
        continue;
      }
      rep_.error(
          s.loc, "`<<if>>` has no `<<endif>>`",
          "add `<<endif>>` after the last line of the block (inside an option, indented like the option's lines)");
      return;
    }
  }

  void onceBlock(const BodyLine& l, const Cmd& cmd, Stmt& s, int parent, int depth) {
    s.branches.emplace_back();
    s.branches.back().loc = s.loc;
    if (startsWith(cmd.rest, "if ") || cmd.rest == "if") {
      s.hasCond = true;
      Cmd c = cmd;
      c.rest = trimSpace(cmd.rest.substr(2));
      c.restAt = cmd.restAt + 2;
      expression(l, c, s.cond, "<<once if $bisidder>>");
    } else if (!cmd.rest.empty()) {
      rep_.error(locOf(l, cmd.restAt), "`<<once>>` takes no words after it except `if condition`",
                 "write `<<once>>` or `<<once if $x>>`");
    }
    bool sawElse = false;
    for (;;) {
      const End e = block(s.branches.back().body, parent, depth + 1);
      if (e == End::EndOnce) return;
      if (e == End::Else && !sawElse) {
        sawElse = true;
        s.branches.emplace_back();
        s.branches.back().loc = locOf(*stopLine_, stopLine_->content);
        continue;
      }
      if (e == End::ElseIf || e == End::Else || e == End::EndIf) {
        stray(e);
        continue;
      }
      rep_.error(s.loc, "`<<once>>` has no `<<endonce>>`", "add `<<endonce>>` after the last line of the block");
      return;
    }
  }

  // A run of `->` options (or `=>` line-group items) at one indentation, each with its indented body.
  void group(std::vector<Stmt>& out, int depth) {
    const BodyLine& first = lines_[i_];
    const std::string_view arrow = first.text.substr(first.content, 2);
    const int indent = first.indent;
    Stmt g;
    g.kind = arrow == "->" ? Stmt::Kind::Options : Stmt::Kind::LineGroup;
    g.loc = locOf(first, first.content);
    while (i_ < lines_.size()) {
      const BodyLine& l = lines_[i_];
      Stmt item;
      std::size_t at = l.content + 2;
      while (at < l.text.size() && (l.text[at] == ' ' || l.text[at] == '\t')) ++at;
      lineContent(l, at, item, true);
      ++i_;
      bodyUntilDedent(item.body, indent, depth + 1);
      g.items.push_back(std::move(item));
      while (i_ < lines_.size() && blank(lines_[i_])) ++i_;
      if (i_ >= lines_.size()) break;
      const BodyLine& n = lines_[i_];
      if (n.indent != indent || n.text.substr(n.content, 2) != arrow) break;
    }
    out.push_back(std::move(g));
  }

 public:
  // ---- 5. nodes and headers -------------------------------------------------------------------
  void splitLines() {
    std::size_t pos = 0;
    std::uint32_t number = 0;
    if (startsWith(text_, "\xEF\xBB\xBF")) pos = 3;  // UTF-8 byte order mark
    all_.reserve(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1);
    while (pos <= text_.size()) {
      std::size_t nl = text_.find('\n', pos);
      if (nl == std::string_view::npos) nl = text_.size();
      std::string_view t = text_.substr(pos, nl - pos);
      if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
      BodyLine l{t, ++number, pos, 0, 0};
      while (l.content < t.size() && (t[l.content] == ' ' || t[l.content] == '\t')) {
        l.indent += t[l.content] == '\t' ? 4 : 1;
        ++l.content;
      }
      all_.push_back(l);
      if (nl == text_.size()) break;
      pos = nl + 1;
    }
  }

 private:
  std::string_view text_;
  Reporter& rep_;
  ParsedFile file_;
  std::vector<BodyLine> all_;
  static constexpr int kMaxScratch = 64;  // > the nesting limit (48)
  std::vector<std::vector<Stmt>> scratch_ = std::vector<std::vector<Stmt>>(kMaxScratch);
  std::span<const BodyLine> lines_;  // the current node's body (a range of all_)
  std::size_t i_ = 0;
  bool wantSites_ = false;
  std::string node_;
  std::string piece_;  // scratch: the text piece being decoded
  const BodyLine* stopLine_ = nullptr;
  Cmd stopCmd_{};
};

ParsedFile FileParser::run() {
  // About as many bytes of tree as of source, in few large blocks.
  file_.arena = std::make_unique<std::pmr::monotonic_buffer_resource>(std::max<std::size_t>(text_.size() * 2, 4096));
  struct Current {
    std::pmr::memory_resource* saved = tCurrentArena;
    explicit Current(std::pmr::memory_resource* r) { tCurrentArena = r; }
    ~Current() { tCurrentArena = saved; }
  } current(file_.arena.get());
  splitLines();
  std::size_t i = 0;
  const std::size_t n = all_.size();
  while (i < n) {
    const BodyLine& l = all_[i];
    const std::string_view c = trimSpace(l.text);
    // Between nodes: blank lines, comments and file hashtags (#...) are fine.
    if (c.empty() || startsWith(c, "//") || startsWith(c, "#")) {
      ++i;
      continue;
    }
    ParsedNode node;
    node.loc = {l.number, 1};
    bool haveTitle = false, sawSeparator = false;
    for (; i < n; ++i) {
      const BodyLine& h = all_[i];
      const std::string_view t = trimSpace(h.text);
      if (t.empty() || startsWith(t, "//")) continue;
      if (t == "---") {
        sawSeparator = true;
        ++i;
        break;
      }
      if (t == "===") {
        rep_.error(locOf(h, h.content), "a node ends before its `---` line",
                   "write the headers (`title: Name`), then `---`, the body, and `===`");
        break;
      }
      const std::size_t colon = t.find(':');
      const std::string_view key = colon == std::string_view::npos ? std::string_view() : trimSpace(t.substr(0, colon));
      if (key.empty() || !isIdent(key)) {
        rep_.error(
            locOf(h, h.content), "expected a header like `title: Start` or the `---` line",
            haveTitle ? "add `---` on its own line before the body" : "every node starts with `title: NodeName`");
        // Probably a body without `---`: skip to the end of this node so the error is said once.
        while (i < n && trimSpace(all_[i].text) != "===") ++i;
        break;
      }
      const std::string_view value = trimSpace(t.substr(colon + 1));
      if (key == "title") {
        const Loc at = locOf(h, h.content);
        if (haveTitle) rep_.error(at, "this node has two `title:` lines", "keep one");
        haveTitle = true;
        node.title = std::string(value);
        node.loc = at;
        if (!isIdent(value))
          rep_.error(
              at, "node title " + q(value) + " is not a valid name",
              "titles use letters a-z, digits and `_` (no spaces, æ, ø, å); write e.g. " + q(asciiSuggestion(value)));
      } else {
        node.headers.emplace_back(std::string(key), std::string(value));
        if (key == "tags") {
          std::size_t p = 0;
          while (p < value.size()) {
            while (p < value.size() && value[p] == ' ') ++p;
            const std::size_t s = p;
            while (p < value.size() && value[p] != ' ') ++p;
            if (p > s) node.tags.emplace_back(value.substr(s, p - s));
          }
        }
      }
    }
    if (!haveTitle) rep_.error(node.loc, "this node has no `title:` line", "add `title: NodeName` as its first line");
    if (!sawSeparator) {
      while (i < n && trimSpace(all_[i].text) != "===") ++i;
      ++i;
      continue;
    }
    // Body: up to `===`.
    const std::size_t bodyStart = i;
    bool closed = false;
    for (; i < n; ++i)
      if (trimSpace(all_[i].text) == "===") {
        closed = true;
        break;
      }
    lines_ = std::span<const BodyLine>(all_.data() + bodyStart, i - bodyStart);
    if (closed) ++i;
    if (!closed)
      rep_.error(node.loc, "node " + q(node.title) + " is not closed", "add a line with `===` after its last line");
    node_ = node.title;
    i_ = 0;
    bodyUntilDedent(node.body, -1, 0);
    file_.nodes.push_back(std::move(node));
  }
  return std::move(file_);
}

}  // namespace

ParsedFile parseYarn(std::string_view text, Reporter& rep, bool sites) {
  FileParser p(text, rep, sites);
  return p.run();
}

}  // namespace overum::scenario
