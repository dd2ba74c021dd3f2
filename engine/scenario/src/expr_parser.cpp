// SPDX-License-Identifier: GPL-3.0-or-later
// Expression tokenizer and precedence-climbing parser, including Yarn's word operators
// (and or not xor, is eq neq gt lt lte gte). Depth-limited so hostile input cannot overflow the stack.
#include "ast.h"

#include <cctype>
#include <charconv>

namespace overum::scenario {

namespace {

enum class Tok : std::uint8_t { End, Number, String, Var, Ident, Op, LParen, RParen, Comma, Bad };

struct Token {
  Tok kind = Tok::End;
  std::string_view text;
  std::size_t pos = 0;
  Op op = Op::Pop;
  int prec = 0;            // binary precedence, 0 = not binary
  std::string str;         // decoded string literal, while decoding
  std::string_view value;  // String: the decoded literal, outliving the token
};

bool isIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

struct WordOp {
  std::string_view word;
  Op op;
  int prec;
};
// Binary precedence: or 1, xor 2, and 3, equality 4, comparison 5, + - 6, * / % 7.
constexpr WordOp kWordOps[] = {{"and", Op::And, 3}, {"or", Op::Or, 1},  {"xor", Op::Xor, 2}, {"not", Op::Not, 0},
                               {"is", Op::Eq, 4},   {"eq", Op::Eq, 4},  {"neq", Op::Neq, 4}, {"gt", Op::Gt, 5},
                               {"lt", Op::Lt, 5},   {"lte", Op::Le, 5}, {"gte", Op::Ge, 5}};

class Parser {
 public:
  Parser(std::string_view src, Loc at, Reporter& rep) : src_(src), at_(at), rep_(rep) { advance(); }

  bool parse(Expr& out) {
    if (!expr(out, 1, 0)) return false;
    if (tok_.kind == Tok::Bad) return badToken();
    if (tok_.kind != Tok::End)
      return fail(tok_.pos, "unexpected " + q(tok_.text) + " in expression",
                  "check for a missing operator or an extra bracket");
    return true;
  }

  bool badToken() {
    if (!tok_.text.empty() && tok_.text[0] == '"')
      return fail(tok_.pos, "text in quotes is not closed", "add the closing `\"`");
    if (tok_.text == "=") return fail(tok_.pos, "`=` cannot compare", "use `==` or `is` to compare");
    return fail(tok_.pos, "unexpected " + q(tok_.text) + " in expression");
  }

 private:
  Loc locAt(std::size_t pos) const {
    return {at_.line, at_.col + static_cast<std::uint32_t>(utf8Length(src_.substr(0, pos)))};
  }

  bool fail(std::size_t pos, std::string msg, std::string fix = {}) {
    if (!failed_) rep_.error(locAt(pos), std::move(msg), std::move(fix));
    failed_ = true;
    return false;
  }

  void advance() {
    while (i_ < src_.size() && (src_[i_] == ' ' || src_[i_] == '\t')) ++i_;
    tok_ = Token{};
    tok_.pos = i_;
    if (i_ >= src_.size()) return;
    const char c = src_[i_];
    const std::size_t start = i_;
    auto two = [&](char next) { return i_ + 1 < src_.size() && src_[i_ + 1] == next; };
    auto op = [&](Op o, int prec, std::size_t len) {
      tok_.kind = Tok::Op;
      tok_.op = o;
      tok_.prec = prec;
      i_ += len;
    };
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && i_ + 1 < src_.size() && std::isdigit(static_cast<unsigned char>(src_[i_ + 1])))) {
      while (i_ < src_.size() && (std::isdigit(static_cast<unsigned char>(src_[i_])) || src_[i_] == '.')) ++i_;
      tok_.kind = Tok::Number;
    } else if (c == '"') {
      ++i_;
      tok_.kind = Tok::Bad;
      bool escaped = false;
      while (i_ < src_.size()) {
        const char d = src_[i_++];
        if (d == '"') {
          tok_.kind = Tok::String;
          break;
        }
        if (d == '\\' && i_ < src_.size()) {
          const char e = src_[i_++];
          tok_.str += e == 'n' ? '\n' : e;
          escaped = true;
        } else {
          tok_.str += d;
        }
      }
      // Without escapes the literal is a slice of the source; else the decoded copy goes to the arena.
      if (tok_.kind == Tok::String) tok_.value = escaped ? keep(tok_.str) : src_.substr(start + 1, i_ - start - 2);
    } else if (c == '$') {
      ++i_;
      while (i_ < src_.size() && isIdentChar(src_[i_])) ++i_;
      tok_.kind = Tok::Var;
    } else if (c == '.' && i_ + 1 < src_.size() && isIdentStart(src_[i_ + 1])) {
      // `.Rolig`: an enum case whose enum the other side of `==` or the variable set implies.
      ++i_;
      while (i_ < src_.size() && isIdentChar(src_[i_])) ++i_;
      tok_.kind = Tok::Ident;
    } else if (isIdentStart(c)) {
      while (i_ < src_.size() && isIdentChar(src_[i_])) ++i_;
      tok_.kind = Tok::Ident;
      const auto word = src_.substr(start, i_ - start);
      for (const auto& w : kWordOps)
        if (word == w.word) {
          tok_.kind = Tok::Op;
          tok_.op = w.op;
          tok_.prec = w.prec;
        }
    } else if (c == '(') {
      tok_.kind = Tok::LParen;
      ++i_;
    } else if (c == ')') {
      tok_.kind = Tok::RParen;
      ++i_;
    } else if (c == ',') {
      tok_.kind = Tok::Comma;
      ++i_;
    } else if (c == '+') op(Op::Add, 6, 1);
    else if (c == '-') op(Op::Sub, 6, 1);
    else if (c == '*') op(Op::Mul, 7, 1);
    else if (c == '/') op(Op::Div, 7, 1);
    else if (c == '%') op(Op::Mod, 7, 1);
    else if (c == '^') op(Op::Xor, 2, 1);
    else if (c == '=' && two('=')) op(Op::Eq, 4, 2);
    else if (c == '!' && two('=')) op(Op::Neq, 4, 2);
    else if (c == '!') op(Op::Not, 0, 1);
    else if (c == '<' && two('=')) op(Op::Le, 5, 2);
    else if (c == '>' && two('=')) op(Op::Ge, 5, 2);
    else if (c == '<') op(Op::Lt, 5, 1);
    else if (c == '>') op(Op::Gt, 5, 1);
    else if (c == '&' && two('&')) op(Op::And, 3, 2);
    else if (c == '|' && two('|')) op(Op::Or, 1, 2);
    else {
      // One whole UTF-8 character, so the message quotes it intact.
      ++i_;
      while (i_ < src_.size() && isUtf8Continuation(src_[i_])) ++i_;
      tok_.kind = Tok::Bad;
    }
    tok_.text = src_.substr(start, i_ - start);
  }

  bool expr(Expr& out, int minPrec, int depth) {
    if (!unary(out, depth)) return false;
    int links = 0;  // a long a+b+c+... chain is a deep tree too: bound it like nesting
    while (tok_.kind == Tok::Op && tok_.prec >= minPrec) {
      if (depth + ++links > 200) return fail(tok_.pos, "expression is too long", "split it into several <<set>> steps");
      const Op op = tok_.op;
      const int prec = tok_.prec;
      const Loc loc = locAt(tok_.pos);
      advance();
      Expr rhs;
      if (!expr(rhs, prec + 1, depth + 1)) return false;
      Expr bin;
      bin.kind = Expr::Kind::Binary;
      bin.op = op;
      bin.loc = loc;
      bin.args.reserve(2);
      bin.args.push_back(std::move(out));
      bin.args.push_back(std::move(rhs));
      out = std::move(bin);
    }
    return true;
  }

  bool unary(Expr& out, int depth) {
    if (depth > 200) return fail(tok_.pos, "expression is nested too deeply", "split it into several <<set>> steps");
    if (tok_.kind == Tok::Op && (tok_.op == Op::Sub || tok_.op == Op::Not)) {
      Expr u;
      u.kind = Expr::Kind::Unary;
      u.op = tok_.op == Op::Sub ? Op::Neg : Op::Not;
      u.loc = locAt(tok_.pos);
      advance();
      u.args.emplace_back();
      if (!unary(u.args.back(), depth + 1)) return false;
      out = std::move(u);
      return true;
    }
    return primary(out, depth);
  }

  bool primary(Expr& out, int depth) {
    out.loc = locAt(tok_.pos);
    switch (tok_.kind) {
      case Tok::Number: {
        out.kind = Expr::Kind::Number;
        auto res = std::from_chars(tok_.text.data(), tok_.text.data() + tok_.text.size(), out.number);
        if (res.ec != std::errc() || res.ptr != tok_.text.data() + tok_.text.size())
          return fail(tok_.pos, q(tok_.text) + " is not a number", "write numbers like 3 or 2.5");
        advance();
        return true;
      }
      case Tok::String:
        out.kind = Expr::Kind::String;
        out.text = tok_.value;
        advance();
        return true;
      case Tok::Var:
        if (tok_.text.size() < 2)
          return fail(tok_.pos, "`$` must be followed by a variable name", "write e.g. `$svaerhed`");
        out.kind = Expr::Kind::Var;
        out.text = tok_.text.substr(1);
        advance();
        return true;
      case Tok::LParen: {
        advance();
        if (!expr(out, 1, depth + 1)) return false;
        if (tok_.kind != Tok::RParen) return fail(tok_.pos, "missing `)`", "close every `(` with a `)`");
        advance();
        return true;
      }
      case Tok::Ident: {
        const std::string_view name = tok_.text;
        const std::size_t namePos = tok_.pos;
        advance();
        if (name == "true" || name == "false") {
          out.kind = Expr::Kind::Bool;
          out.number = name == "true";
          return true;
        }
        if (tok_.kind != Tok::LParen && name.find('.') != std::string_view::npos) {
          out.kind = Expr::Kind::EnumCase;
          out.text = name;
          return true;
        }
        if (tok_.kind != Tok::LParen)
          return fail(namePos, "unknown word " + q(name) + " in expression",
                      "variables start with `$` (`$" + std::string(name) + "`) and text goes in quotes (\"" +
                          std::string(name) + "\")");
        advance();
        out.kind = Expr::Kind::Call;
        out.text = name;
        if (tok_.kind != Tok::RParen) {
          for (;;) {
            out.args.emplace_back();
            if (!expr(out.args.back(), 1, depth + 1)) return false;
            if (tok_.kind == Tok::Comma) {
              advance();
              continue;
            }
            if (tok_.kind != Tok::RParen)
              return fail(tok_.pos, "missing `)` after the arguments of " + q(name) + "()",
                          "separate arguments with `,` and end with `)`");
            break;
          }
        }
        advance();
        return true;
      }
      case Tok::Bad: return badToken();
      case Tok::End: return fail(tok_.pos, "an expression is missing here", "write a value, e.g. `$x > 1` or `true`");
      default:
        return fail(tok_.pos, "unexpected " + q(tok_.text) + " in expression",
                    "write a value, a `$variable` or a function call here");
    }
  }

  std::string_view src_;
  Loc at_;
  Reporter& rep_;
  std::size_t i_ = 0;
  Token tok_;
  bool failed_ = false;
};

}  // namespace

bool parseExpression(std::string_view src, Loc at, Reporter& rep, Expr& out) {
  Parser p(src, at, rep);
  if (p.parse(out)) return true;
  // Reported; leave a harmless `true` so later checks do not add messages about the broken part.
  out = Expr{};
  out.kind = Expr::Kind::Bool;
  out.number = 1;
  out.loc = at;
  return false;
}

}  // namespace overum::scenario
